package dev.weir.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weir.buffer.Buffer;
import dev.weir.loop.EventLoop;
import dev.weir.stream.DuplexOptions;
import dev.weir.stream.Stream;
import dev.weir.stream.Transform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** DESIGN.md §3 snippet 5 with real files, ported by mechanical edits only. */
@Timeout(30)
class FsDesignSnippetsTest {
  @TempDir
  Path dir;

  // const upper = new Transform({ transform(chunk, enc, cb) { cb(null, chunk.toString().toUpperCase()); } });
  // pipeline(fs.createReadStream('in.txt'), upper, fs.createWriteStream('out.txt'), (err) => { ... });
  @Test
  void snippet5TransformInAPipelineOfFiles() throws Exception {
    String text = "hello, weir\n".repeat(20_000);
    Path in = dir.resolve("in.txt");
    Path out = dir.resolve("out.txt");
    Files.writeString(in, text);
    List<Object> errs = new ArrayList<>();
    EventLoop.run(() -> {
      var upper = new Transform<Buffer, String>(new DuplexOptions<Buffer, String>()
          .transform((chunk, enc, cb) -> cb.done(null, chunk.toString().toUpperCase())));
      Stream.pipeline(Fs.createReadStream(in.toString()), upper,
          Fs.createWriteStream(out.toString()), (err) -> errs.add(err == null ? "ok" : err));
    });
    assertEquals(List.of("ok"), errs);
    assertEquals(text.toUpperCase(), Files.readString(out));
  }
}
