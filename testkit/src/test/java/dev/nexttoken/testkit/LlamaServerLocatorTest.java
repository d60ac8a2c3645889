package dev.nexttoken.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

@DisabledOnOs(OS.WINDOWS)
class LlamaServerLocatorTest {
  @TempDir Path dir;

  @Test
  void explicitPathWins() throws Exception {
    Path exe = executable("my-llama-server");
    assertEquals(exe, LlamaServerLocator.locate(exe));
  }

  @Test
  void explicitPathThatIsNotExecutableIsAnErrorNotAFallThrough() throws Exception {
    Path notExe = Files.writeString(dir.resolve("llama-server"), "");
    LlamaServerException e = assertThrows(LlamaServerException.class, () -> LlamaServerLocator.locate(notExe));
    assertTrue(e.getMessage().contains(notExe.toString()), e.getMessage());
  }

  @Test
  void systemPropertyComesNext() throws Exception {
    Path exe = executable("from-property");
    String old = System.setProperty(LlamaServerLocator.PROPERTY, exe.toString());
    try {
      assertEquals(exe, LlamaServerLocator.locate());
      System.setProperty(LlamaServerLocator.PROPERTY, dir.resolve("missing").toString());
      LlamaServerException e = assertThrows(LlamaServerException.class, LlamaServerLocator::locate);
      assertTrue(e.getMessage().contains("system property " + LlamaServerLocator.PROPERTY), e.getMessage());
    } finally {
      if (old == null) {
        System.clearProperty(LlamaServerLocator.PROPERTY);
      } else {
        System.setProperty(LlamaServerLocator.PROPERTY, old);
      }
    }
  }

  @Test
  void cachedInstallLivesInTheCacheFolder() {
    assertTrue(LlamaServerLocator.cachedInstall().endsWith(Path.of("llama.cpp", "bin", "llama-server")));
  }

  @Test
  void installScriptIsBundled() throws Exception {
    try (var in = LlamaServerLocator.class.getResourceAsStream("install-llama-server")) {
      assertTrue(in != null && new String(in.readAllBytes()).startsWith("#!/usr/bin/env bash"));
    }
  }

  private Path executable(String name) throws Exception {
    Path file = Files.writeString(dir.resolve(name), "#!/bin/sh\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    return file;
  }
}
