package dev.zeroclaw.gateway.session;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** A response to a client that reads nothing: the first write never completes. */
final class StalledResponse implements Response {

    private final HttpFields.Mutable headers = HttpFields.build();
    private final List<Callback> pending = new ArrayList<>();
    private int status;

    @Override
    public Request getRequest() {
        throw new UnsupportedOperationException();
    }

    @Override
    public int getStatus() {
        return status;
    }

    @Override
    public void setStatus(int code) {
        status = code;
    }

    @Override
    public HttpFields.Mutable getHeaders() {
        return headers;
    }

    @Override
    public Supplier<HttpFields> getTrailersSupplier() {
        return null;
    }

    @Override
    public void setTrailersSupplier(Supplier<HttpFields> trailers) {}

    @Override
    public boolean isCommitted() {
        return true;
    }

    @Override
    public boolean hasLastWrite() {
        return false;
    }

    @Override
    public boolean isCompletedSuccessfully() {
        return false;
    }

    @Override
    public void reset() {}

    @Override
    public CompletableFuture<Void> writeInterim(int code, HttpFields fields) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void write(boolean last, ByteBuffer content, Callback callback) {
        pending.add(callback);
    }
}
