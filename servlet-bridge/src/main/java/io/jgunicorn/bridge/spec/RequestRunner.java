package io.jgunicorn.bridge.spec;

import jakarta.servlet.ServletRequest;
import java.util.Map;

/**
 * What the handler that started a request does for it when the application's async code asks:
 * an ASYNC dispatch through the same error handling as the first one, and the end of the request.
 * The handlers' {@code BridgeApplication} implements it; {@link AsyncContextImpl} calls it, so this
 * package does not depend on the handlers.
 */
public interface RequestRunner {

    /** Runs an ASYNC dispatch ({@code AsyncContext.dispatch}) of {@code state}'s request. */
    void asyncDispatch(ExchangeState state, ServletRequest request, RequestDispatcherImpl dispatcher,
                       Map<String, Object> attributes) throws Exception;

    /** Ends a request that is not (or no longer) asynchronous: error page, session save, completion, listeners. */
    void finish(ExchangeState state) throws Exception;
}
