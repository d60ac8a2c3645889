package dev.nexttoken.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.Buffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Request logging through SLF4J, off unless the logger {@value #NAME} is at debug: each attempt's
 * method, URL, attempt number, status, time to the response headers and headers, credentials cut
 * out ({@link CredentialHeaders}); at trace also the request body and a non-streamed response body,
 * each cut to {@value #MAX_BODY_CHARS} characters. Everything shown passes through the transport's
 * {@link Secret} first.
 */
final class RequestLog {
  static final String NAME = "dev.nexttoken.http";
  static final int MAX_BODY_CHARS = 4096;
  private static final long PEEK_MARGIN_BYTES = 8192;
  private static final Logger LOG = LoggerFactory.getLogger(NAME);

  private final String provider;
  private final Secret secrets;
  private final CredentialHeaders headers;

  RequestLog(String provider, Secret secrets, CredentialHeaders headers) {
    this.provider = provider;
    this.secrets = secrets;
    this.headers = headers;
  }

  /** Whether anything is logged; checked per attempt, so a level changed at run time applies at once. */
  boolean enabled() {
    return LOG.isDebugEnabled();
  }

  void sent(Request request, int attempt) {
    LOG.debug("{} --> {} {} attempt {} {}", provider, request.method(), url(request), attempt, headers.show(request.headers()));
    if (LOG.isTraceEnabled() && request.body() != null) {
      LOG.trace("{} --> body {}", provider, body(request.body()));
    }
  }

  void received(Request request, int attempt, Response response, long nanos) {
    LOG.debug("{} <-- {} {} {} attempt {} in {} ms {}", provider, response.code(), request.method(), url(request), attempt, millis(nanos),
        headers.show(response.headers()));
    if (LOG.isTraceEnabled()) {
      LOG.trace("{} <-- body {}", provider, body(response));
    }
  }

  void failed(Request request, int attempt, Throwable failure, long nanos) {
    LOG.debug("{} <-- failed {} {} attempt {} after {} ms: {}", provider, request.method(), url(request), attempt, millis(nanos),
        secrets.redact(failure.getClass().getName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage())));
  }

  String url(Request request) {
    return secrets.redact(request.url().toString());
  }

  private String body(RequestBody body) {
    try {
      Buffer copy = new Buffer();
      body.writeTo(copy);
      return shortened(copy.readString(StandardCharsets.UTF_8), body.contentLength());
    } catch (IOException e) {
      return "(not readable: " + e.getClass().getSimpleName() + ")";
    }
  }

  private String body(Response response) {
    MediaType type = response.body().contentType();
    String subtype = type == null ? "" : (type.type() + "/" + type.subtype()).toLowerCase(Locale.ROOT);
    if (subtype.equals("text/event-stream") || subtype.equals("application/x-ndjson")) {
      // Peeking would wait for the stream's bytes, and its chunks reach the caller anyway.
      return "(a " + subtype + " stream: not logged)";
    }
    try {
      // Peeked, so the caller still reads the whole body. Redaction runs before the cut to
      // MAX_BODY_CHARS, and the peek reaches far enough past it that a secret cut in half by the
      // peek's own end lies beyond the cut too (a character is at most 4 bytes; tokens < 2 KiB).
      String text = response.peekBody(MAX_BODY_CHARS * 4L + PEEK_MARGIN_BYTES).string();
      return shortened(text, response.body().contentLength());
    } catch (IOException e) {
      return "(not readable: " + e.getClass().getSimpleName() + ")";
    }
  }

  private String shortened(String text, long length) {
    String size = length >= 0 ? "(" + length + " bytes)" : "(length unknown)";
    String redacted = secrets.redact(text);
    if (redacted.length() <= MAX_BODY_CHARS) {
      return size + ": " + redacted;
    }
    return size + ": " + redacted.substring(0, MAX_BODY_CHARS) + "... (cut at " + MAX_BODY_CHARS + " characters)";
  }

  private static long millis(long nanos) {
    return nanos / 1_000_000;
  }
}
