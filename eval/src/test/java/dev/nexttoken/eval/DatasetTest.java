package dev.nexttoken.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nexttoken.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading a dataset: the three kinds, ids, and a clear refusal of every bad line. */
class DatasetTest {
  @TempDir Path dir;

  private Path file(String... lines) throws IOException {
    return Files.write(dir.resolve("items.jsonl"), List.of(lines));
  }

  @Test
  void readsTheThreeKindsAndGivesLineNumbersToItemsWithoutAnId() throws IOException {
    List<EvalItem> items = Dataset.read(file(
        "{\"id\": \"a\", \"prompt\": \"Hi\", \"maxTokens\": 3, \"temperature\": 0, \"topLogprobs\": 5}",
        "",
        "{\"messages\": [{\"role\": \"system\", \"content\": \"Be brief\"}, {\"role\": \"user\", \"content\": \"Hi\"}]}",
        "{\"id\": 7, \"prompt\": \"W&B is\", \"text\": \" a platform\"}",
        "{\"id\": \"c\", \"prompt\": \"Sentiment:\", \"labels\": [\" good\", \" bad\"], \"gold\": \" bad\", \"extra\": 1}"));

    assertEquals(4, items.size());
    EvalItem a = items.get(0);
    assertEquals(EvalItem.Kind.GENERATE, a.kind());
    assertEquals(3, a.maxTokens());
    assertEquals(0.0, a.temperature());
    assertEquals(5, a.topLogprobs());
    EvalItem chat = items.get(1);
    assertEquals("3", chat.id(), "no id: its line number, blank lines counted");
    assertEquals(Role.SYSTEM, chat.messages().get(0).role());
    assertNull(chat.prompt());
    assertEquals(EvalItem.Kind.SCORE, items.get(2).kind());
    assertEquals("7", items.get(2).id());
    assertEquals(" a platform", items.get(2).text());
    assertEquals(List.of(" good", " bad"), items.get(3).labels());
    assertEquals(" bad", items.get(3).gold());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "not json | line 2: not JSON",
      "[1, 2] | line 2: expected a JSON object",
      "{\"id\": \"x\"} | line 2: no \"prompt\", \"messages\", \"text\" or \"labels\"",
      "{\"prompt\": \"a\", \"messages\": []} | give \"prompt\" or \"messages\", not both",
      "{\"prompt\": 3} | \"prompt\" must be a string, was 3",
      "{\"prompt\": \"a\", \"maxTokens\": 0} | \"maxTokens\" must be an integer >= 1, was 0",
      "{\"prompt\": \"a\", \"temperature\": -1} | \"temperature\" must be a number >= 0",
      "{\"prompt\": \"a\", \"labels\": [\" x\"]} | \"labels\" must be an array of at least two strings",
      "{\"prompt\": \"a\", \"labels\": [\" x\", \" x\"]} | label \" x\" is given twice",
      "{\"prompt\": \"a\", \"labels\": [\" x\", \" y\"], \"gold\": \" z\"} | gold \" z\" is not one of the labels",
      "{\"prompt\": \"a\", \"text\": \"b\", \"labels\": [\" x\", \" y\"]} | not both",
      "{\"messages\": [{\"role\": \"robot\", \"content\": \"a\"}]} | messages[0]: role \"robot\" is not one of",
      "{\"id\": \"first\", \"prompt\": \"again\"} | line 2: id \"first\" was already used on line 1",
      "{\"id\": 1.5, \"prompt\": \"a\"} | \"id\" must be a non-empty string or an integer"})
  void aBadLineIsRefusedNamingTheFileTheLineAndTheProblem(String line, String expected) throws IOException {
    Path file = file("{\"id\": \"first\", \"prompt\": \"ok\"}", line);

    EvalInputException e = assertThrows(EvalInputException.class, () -> Dataset.read(file));
    assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
    assertTrue(e.getMessage().contains(expected), () -> "expected \"" + expected + "\" in: " + e.getMessage());
  }

  @Test
  void anEmptyOrMissingFileIsRefused() throws IOException {
    Path empty = file("", "  ");
    assertTrue(assertThrows(EvalInputException.class, () -> Dataset.read(empty)).getMessage().contains("holds no items"));
    assertTrue(assertThrows(EvalInputException.class, () -> Dataset.read(dir.resolve("none.jsonl"))).getMessage().contains("does not exist"));
  }
}
