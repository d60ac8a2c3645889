package dev.nexttoken.opentelemetry;

import io.opentelemetry.api.trace.Tracer;

/** What every traced call of one {@link NextTokenTelemetry} shares. */
record Instrumentation(Tracer tracer, ClientMetrics metrics, boolean captureContent) {}
