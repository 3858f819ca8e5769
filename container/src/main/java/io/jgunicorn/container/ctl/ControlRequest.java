package io.jgunicorn.container.ctl;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One command from the control socket ({@code show workers}, {@code reload}, ...), answered by the
 * arbiter's loop with a JSON-able value.
 */
public record ControlRequest(List<String> words, CompletableFuture<Map<String, Object>> answer) {}
