package dev.nexttoken.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a crash leaves behind, read back for a resume. */
class ResultsFileTest {
  @TempDir Path dir;

  private static String row(String id, String target) {
    return "{\"id\":\"" + id + "\",\"target\":\"" + target + "\",\"cost\":0.5,\"error\":null}\n";
  }

  @Test
  void aTornLastLineIsCutOffAndItsPairRunsAgain() throws IOException {
    Path file = dir.resolve("results.jsonl");
    String good = row("1", "a") + row("2", "a");
    Files.writeString(file, good + "{\"id\":\"3\",\"target\":\"a\",\"te", StandardCharsets.UTF_8);

    try (ResultsFile results = ResultsFile.open(file, true)) {
      assertTrue(results.tornLineDropped());
      assertEquals(2, results.resumedRows());
      assertEquals(1.0, results.resumedSpend());
      assertTrue(results.isDone("2", "a"));
      assertFalse(results.isDone("3", "a"));
      results.append(row("3", "a"));
    }
    assertEquals(good + row("3", "a"), Files.readString(file));
  }

  @Test
  void aCompleteLastLineThatIsNotARowIsTornToo() throws IOException {
    Path file = dir.resolve("results.jsonl");
    Files.writeString(file, row("1", "a") + "{\"id\":\"2\"}\n");

    try (ResultsFile results = ResultsFile.open(file, true)) {
      assertTrue(results.tornLineDropped());
      assertEquals(1, results.resumedRows());
    }
    assertEquals(row("1", "a"), Files.readString(file));
  }

  @Test
  void aBadLineBeforeOtherRowsIsRefusedNotGuessedAt() throws IOException {
    Path file = dir.resolve("results.jsonl");
    Files.writeString(file, row("1", "a") + "garbage\n" + row("2", "a"));

    EvalInputException e = assertThrows(EvalInputException.class, () -> ResultsFile.open(file, true));
    assertTrue(e.getMessage().contains("line 2: not JSON"), e.getMessage());
    assertEquals(row("1", "a") + "garbage\n" + row("2", "a"), Files.readString(file), "nothing cut");
  }

  @Test
  void aPairWrittenTwiceIsRefused() throws IOException {
    Path file = dir.resolve("results.jsonl");
    Files.writeString(file, row("1", "a") + row("1", "b") + row("1", "a"));

    EvalInputException e = assertThrows(EvalInputException.class, () -> ResultsFile.open(file, true));
    assertTrue(e.getMessage().contains("line 3"), e.getMessage());
  }
}
