/*
 * The file-server ceiling: the least a static file server on one thread can do per request,
 * measured with the same clients as Weir and Node so that the harness can say how much of a
 * file-server ratio this machine and its load generator can show at all.
 *
 * One epoll loop, non-blocking sockets, HTTP/1.1 keep-alive, one request at a time per
 * connection: read until the blank line, open the file under the root, write the status line
 * and Content-Length, then sendfile(2) the body (continued on EPOLLOUT), close the file. No
 * caching, no logging, no Date header; anything but "GET /name" gets 404 and a close.
 *
 * Build: cc -O2 -o ceiling ceiling.c      Run: ceiling PORT ROOT
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_CONN 65536
#define REQ_MAX 8192

struct conn {
  char req[REQ_MAX];
  int have;     /* bytes of request read */
  int file;     /* file being sent, or -1 */
  off_t off;    /* next byte of the file to send */
  off_t size;
  char head[128];
  int head_len; /* header bytes not yet written start at head_sent */
  int head_sent;
};

static struct conn *conns[MAX_CONN];
static int ep;
static const char *root;

static void drop(int fd) {
  struct conn *c = conns[fd];
  if (c != NULL) {
    if (c->file >= 0) close(c->file);
    free(c);
    conns[fd] = NULL;
  }
  close(fd);
}

static void want(int fd, unsigned events) {
  struct epoll_event ev = {.events = events, .data.fd = fd};
  epoll_ctl(ep, EPOLL_CTL_MOD, fd, &ev);
}

/* Writes what is pending (header, then body); returns 0 when done, 1 to wait, -1 to drop. */
static int send_pending(int fd, struct conn *c) {
  while (c->head_sent < c->head_len) {
    /* MSG_MORE: the header leaves in the same segment as the start of the body. */
    ssize_t n = send(fd, c->head + c->head_sent, c->head_len - c->head_sent,
                     c->size > 0 ? MSG_MORE : 0);
    if (n < 0) return errno == EAGAIN ? 1 : -1;
    c->head_sent += n;
  }
  while (c->file >= 0 && c->off < c->size) {
    ssize_t n = sendfile(fd, c->file, &c->off, c->size - c->off);
    if (n < 0) return errno == EAGAIN ? 1 : -1;
    if (n == 0) return -1;
  }
  if (c->file >= 0) {
    close(c->file);
    c->file = -1;
  }
  return 0;
}

/* Starts the response to the request in c->req[0..end); returns as send_pending does. */
static int respond(int fd, struct conn *c, int end) {
  char path[REQ_MAX + 256];
  if (strncmp(c->req, "GET /", 5) != 0) return -1;
  char *name = c->req + 5;
  char *sp = memchr(name, ' ', end - 5);
  if (sp == NULL || memchr(name, '/', sp - name) != NULL || sp == name) return -1;
  snprintf(path, sizeof path, "%s/%.*s", root, (int) (sp - name), name);
  int file = open(path, O_RDONLY);
  struct stat st;
  if (file < 0 || fstat(file, &st) < 0) {
    if (file >= 0) close(file);
    static const char nf[] = "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n";
    if (write(fd, nf, sizeof nf - 1) < 0) return -1;
    return -1;
  }
  c->file = file;
  c->off = 0;
  c->size = st.st_size;
  c->head_len = snprintf(c->head, sizeof c->head,
      "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: %lld\r\n\r\n",
      (long long) st.st_size);
  c->head_sent = 0;
  /* The request is consumed; keep any bytes after it (wrk does not pipeline, but be correct). */
  memmove(c->req, c->req + end, c->have - end);
  c->have -= end;
  return send_pending(fd, c);
}

static void on_readable(int fd) {
  struct conn *c = conns[fd];
  for (;;) {
    if (c->file >= 0 || c->head_sent < c->head_len) return; /* busy sending: read later */
    char *blank = memmem(c->req, c->have, "\r\n\r\n", 4);
    if (blank != NULL) {
      int r = respond(fd, c, (int) (blank - c->req) + 4);
      if (r < 0) {
        drop(fd);
        return;
      }
      if (r == 1) {
        want(fd, EPOLLOUT);
        return;
      }
      continue;
    }
    if (c->have == REQ_MAX) {
      drop(fd);
      return;
    }
    ssize_t n = read(fd, c->req + c->have, REQ_MAX - c->have);
    if (n == 0 || (n < 0 && errno != EAGAIN)) {
      drop(fd);
      return;
    }
    if (n < 0) return;
    c->have += n;
  }
}

static void on_writable(int fd) {
  struct conn *c = conns[fd];
  int r = send_pending(fd, c);
  if (r < 0) {
    drop(fd);
  } else if (r == 0) {
    want(fd, EPOLLIN);
    on_readable(fd);
  }
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: %s PORT ROOT\n", argv[0]);
    return 2;
  }
  signal(SIGPIPE, SIG_IGN);
  root = argv[2];
  int lfd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  int one = 1;
  setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons(atoi(argv[1])),
                             .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
  if (bind(lfd, (struct sockaddr *) &addr, sizeof addr) < 0 || listen(lfd, 511) < 0) {
    perror("listen");
    return 1;
  }
  ep = epoll_create1(0);
  struct epoll_event ev = {.events = EPOLLIN, .data.fd = lfd};
  epoll_ctl(ep, EPOLL_CTL_ADD, lfd, &ev);
  struct epoll_event events[256];
  for (;;) {
    int n = epoll_wait(ep, events, 256, -1);
    for (int i = 0; i < n; i++) {
      int fd = events[i].data.fd;
      if (fd == lfd) {
        int cfd;
        while ((cfd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK)) >= 0) {
          if (cfd >= MAX_CONN) {
            close(cfd);
            continue;
          }
          setsockopt(cfd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
          struct conn *c = calloc(1, sizeof *c);
          c->file = -1;
          conns[cfd] = c;
          struct epoll_event cev = {.events = EPOLLIN, .data.fd = cfd};
          epoll_ctl(ep, EPOLL_CTL_ADD, cfd, &cev);
        }
      } else if (conns[fd] != NULL) {
        if (events[i].events & (EPOLLERR | EPOLLHUP)) {
          drop(fd);
        } else if (events[i].events & EPOLLOUT) {
          on_writable(fd);
        } else {
          on_readable(fd);
        }
      }
    }
  }
}
