package dev.weir.fs;

import dev.weir.testing.MustCall;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** What the fs call tests share: a temporary directory, callbacks that must run, files in it. */
abstract class FsFixture {
  @TempDir
  Path dir;
  final MustCall mustCall = new MustCall();

  @AfterEach
  void verifyMustCalls() {
    mustCall.verify();
  }

  /** Writes {@code content} to {@code name} in the directory; returns its path. */
  String file(String name, String content) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, content);
    return p.toString();
  }
}
