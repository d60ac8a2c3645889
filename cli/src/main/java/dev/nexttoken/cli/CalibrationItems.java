package dev.nexttoken.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads {@code calibrate}'s JSON Lines: one {@code {"prompt", "labels": [...], "gold"}} a line, blank lines skipped. */
final class CalibrationItems {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One line of the file. */
  record Item(int line, String prompt, List<String> labels, String gold) {}

  private CalibrationItems() {}

  /** Every item of {@code file}; a bad line is refused naming the file, the line and what is wrong. */
  static List<Item> read(String file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CliException("cannot read " + file + ": " + e.getMessage());
    }
    List<Item> items = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).isBlank()) {
        items.add(parse(file, i + 1, lines.get(i)));
      }
    }
    if (items.isEmpty()) {
      throw new CliException(file + " holds no items; write one {\"prompt\", \"labels\", \"gold\"} object a line");
    }
    return items;
  }

  private static Item parse(String file, int line, String text) {
    String where = file + " line " + line + ": ";
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new CliException(where + "not JSON (" + e.getOriginalMessage() + ")");
    }
    if (node == null || !node.isObject()) {
      throw new CliException(where + "expected an object {\"prompt\", \"labels\", \"gold\"}");
    }
    String prompt = string(node, "prompt", where);
    String gold = string(node, "gold", where);
    JsonNode labels = node.get("labels");
    if (labels == null || !labels.isArray() || labels.size() < 2) {
      throw new CliException(where + "\"labels\" must be an array of at least two strings");
    }
    List<String> names = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (JsonNode label : labels) {
      if (!label.isTextual() || label.asText().isEmpty()) {
        throw new CliException(where + "every label must be a non-empty string, was " + label);
      }
      if (!seen.add(label.asText())) {
        throw new CliException(where + "label \"" + label.asText() + "\" is given twice");
      }
      names.add(label.asText());
    }
    if (!seen.contains(gold)) {
      throw new CliException(where + "gold \"" + gold + "\" is not one of the labels " + names);
    }
    return new Item(line, prompt, names, gold);
  }

  private static String string(JsonNode node, String field, String where) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw new CliException(where + "\"" + field + "\" must be a string");
    }
    return value.asText();
  }
}
