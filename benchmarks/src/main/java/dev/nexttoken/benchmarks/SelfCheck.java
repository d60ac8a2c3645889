package dev.nexttoken.benchmarks;

import dev.nexttoken.benchmarks.clients.BenchClient;
import dev.nexttoken.benchmarks.clients.Check;
import dev.nexttoken.benchmarks.clients.Clients;

/**
 * Shows, before anything is measured, that a client reads the canned answers correctly and that its
 * checks catch a changed logprob (the stub's {@code /corrupt/} routes), in every scenario it offers,
 * and names those it does not. Exits non-zero otherwise.
 * Usage: {@code SelfCheck <client> <baseUrl>}.
 */
public final class SelfCheck {
  /**
   * Printed as {@code <client>: no API for <scenario>} for each scenario the client does not offer;
   * {@link BenchmarkSuite} reads it from the log, skips those runs and reports them n/a.
   */
  static final String NO_API = ": no API for ";

  private SelfCheck() {}

  public static void main(String[] args) {
    String name = args[0];
    String baseUrl = args[1];
    String corruptUrl = baseUrl.replaceFirst("/v1$", "/corrupt/v1");
    Class<?> type;
    try (BenchClient good = Clients.create(name, baseUrl); BenchClient bad = Clients.create(name, corruptUrl)) {
      type = good.getClass();
      good.chat();
      good.stream();
      expectMismatch(name + " chat", bad::chat);
      expectMismatch(name + " stream", bad::stream);
      if (good.hasResponses()) {
        good.responses();
        expectMismatch(name + " responses", bad::responses);
      } else {
        System.out.println(name + NO_API + "responses");
      }
      if (good.hasLegacy()) {
        good.legacy();
        expectMismatch(name + " legacy", bad::legacy);
      } else {
        System.out.println(name + NO_API + "legacy");
      }
    }
    System.out.println(name + ": reads the canned answers and catches a changed logprob");
    // Which code ran, for a baseline row above all: the client's classes and its library's.
    System.out.println(name + ": client class from " + location(type));
    try {
      System.out.println(name + ": nexttoken-openai from " + location(Class.forName("dev.nexttoken.openai.OpenAiModel")));
    } catch (ClassNotFoundException e) {
      // not on this client's classpath
    }
    System.exit(0);
  }

  private static String location(Class<?> type) {
    var source = type.getProtectionDomain().getCodeSource();
    return source == null ? "(unknown)" : source.getLocation().toString();
  }

  private static void expectMismatch(String what, Runnable call) {
    try {
      call.run();
    } catch (Check.MismatchException expected) {
      return;
    }
    System.err.println(what + ": a changed logprob went unnoticed");
    System.exit(1);
  }
}
