package dev.nexttoken.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a rendered document (the HTML report) to a file and says where, for every command alike. */
final class ReportFile {
  private ReportFile() {}

  static void write(String document, String fileName, PrintWriter out) {
    Path file = Path.of(fileName);
    try {
      Files.writeString(file, document, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CliException("cannot write " + file + ": " + e.getMessage());
    }
    out.println("wrote " + file.toAbsolutePath());
  }
}
