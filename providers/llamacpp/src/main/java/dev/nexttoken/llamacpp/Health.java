package dev.nexttoken.llamacpp;

/**
 * The server's answer to {@code GET /health}.
 *
 * @param ready whether it serves requests ({@code 200 {"status":"ok"}}); false while the model is loading (503)
 * @param status the server's status or message ({@code "ok"}, {@code "Loading model"})
 */
public record Health(boolean ready, String status) {}
