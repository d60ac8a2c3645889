package dev.nexttoken.spi;

import dev.nexttoken.ResponseMetadata;
import okhttp3.Headers;

/**
 * A successful HTTP response read whole: status, headers, body bytes, and the metadata the
 * headers carry.
 */
public record HttpResult(int status, Headers headers, byte[] body, ResponseMetadata metadata) {}
