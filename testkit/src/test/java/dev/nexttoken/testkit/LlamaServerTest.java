package dev.nexttoken.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Starting, watching and stopping the process; failures carry the process's own words. */
@DisabledOnOs(OS.WINDOWS)
class LlamaServerTest {
  @TempDir Path dir;

  @Test
  @DisabledIfSystemProperty(named = "skipLlamaTests", matches = "true")
  void startsHealthyOnLoopbackAndStopsOnClose() throws Exception {
    LlamaServer server = LlamaServer.builder(KnownAnswerModel.defaultModel().cachedFile()).contextSize(128).start();
    try {
      assertEquals("http://127.0.0.1:" + server.port(), server.baseUrl());
      assertEquals(200, status(server.baseUrl() + "/health"));
      // The log is copied from the process's output by another thread: /health can answer before
      // the line naming the address has been copied (seen on a loaded 2-core CI machine).
      long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
      while (!server.log().contains("127.0.0.1:" + server.port()) && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertTrue(server.log().contains("127.0.0.1:" + server.port()), server.log());
    } finally {
      server.close();
    }
    assertFalse(server.isAlive());
    assertThrows(ConnectException.class, () -> status(server.baseUrl() + "/health"));
    server.close(); // idempotent
  }

  @Test
  void processThatExitsFailsWithItsLogAndCommand() throws Exception {
    Path fake = script("echo 'error: failed to load model' >&2; exit 3");
    LlamaServerException e = assertThrows(LlamaServerException.class,
        () -> LlamaServer.builder(model()).executable(fake).extraArgs("--chat-template-file", "t.jinja").start());
    assertTrue(e.getMessage().contains("exited with status 3"), e.getMessage());
    assertTrue(e.getMessage().contains("error: failed to load model"), e.getMessage());
    assertTrue(e.getMessage().contains("-np 1 -t 2 --seed 42 --no-webui --chat-template-file t.jinja"),
        e.getMessage());
  }

  @Test
  void jinjaWithATemplatePassesTheFlagAndTheTemplateFile() throws Exception {
    Path fake = script("exit 3");
    String template = "{% for m in messages %}{{ m['content'] }}{% endfor %}";
    LlamaServerException e = assertThrows(LlamaServerException.class,
        () -> LlamaServer.builder(model()).executable(fake).jinja(template).start());
    Matcher m = Pattern.compile("--no-webui --jinja --chat-template-file (\\S+)").matcher(e.getMessage());
    assertTrue(m.find(), e.getMessage());
    assertEquals(template, Files.readString(Path.of(m.group(1))), "the file holds the template");
  }

  @Test
  void jinjaAloneKeepsTheModelsTemplate() throws Exception {
    Path fake = script("exit 3");
    LlamaServerException e = assertThrows(LlamaServerException.class,
        () -> LlamaServer.builder(model()).executable(fake).jinja().start());
    assertTrue(e.getMessage().contains("--no-webui --jinja\n"), e.getMessage());
  }

  @Test
  void serverThatNeverGetsHealthyTimesOutWithItsLog() throws Exception {
    Path fake = script("echo 'loading model'; exec sleep 30");
    long t0 = System.nanoTime();
    LlamaServerException e = assertThrows(LlamaServerException.class,
        () -> LlamaServer.builder(model()).executable(fake).startTimeout(Duration.ofMillis(300)).start());
    assertTrue(e.getMessage().contains("not healthy within"), e.getMessage());
    assertTrue(e.getMessage().contains("loading model"), e.getMessage());
    assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(10).toNanos(), "bounded wait");
  }

  @Test
  void missingModelIsReportedBeforeAnythingRuns() {
    LlamaServerException e = assertThrows(LlamaServerException.class,
        () -> LlamaServer.builder(dir.resolve("nope.gguf")).start());
    assertTrue(e.getMessage().contains("nope.gguf"), e.getMessage());
  }

  private Path model() throws IOException {
    return Files.writeString(dir.resolve("model.gguf"), "not really a model");
  }

  private Path script(String body) throws IOException {
    Path file = dir.resolve("fake-llama-server");
    Files.writeString(file, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    return file;
  }

  private static int status(String url) throws IOException {
    HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
    try {
      return c.getResponseCode();
    } finally {
      c.disconnect();
    }
  }
}
