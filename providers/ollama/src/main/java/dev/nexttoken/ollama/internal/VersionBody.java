package dev.nexttoken.ollama.internal;

/** The answer of {@code GET /api/version}: {@code {"version":"0.12.11"}}. */
public record VersionBody(String version) {}
