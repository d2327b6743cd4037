package dev.latentlab.ui;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import org.deeplearning4j.ui.VertxUIServer;

/**
 * DL4J's UI server (the Vert.x verticle of deeplearning4j-ui) listening on 127.0.0.1 only. DL4J M2.1 calls
 * {@code HttpServer.listen(port, handler)}, which Vert.x binds to 0.0.0.0 (every interface); here the verticle's
 * {@link Vertx} is wrapped so that the HTTP server it creates listens on the loopback address instead.
 */
final class LoopbackUiServer extends VertxUIServer {
    static final String HOST = "127.0.0.1";

    @Override
    public void init(Vertx vertx, Context context) {
        super.init(proxy(Vertx.class, vertx, (real, method, args) -> {
            Object result = invoke(method, real, args);
            return method.getName().equals("createHttpServer") ? loopback((HttpServer) result) : result;
        }), context);
    }

    /** The server, with {@code listen(port, handler)} bound to {@link #HOST}; builder calls keep the wrapper. */
    @SuppressWarnings("unchecked")
    private static HttpServer loopback(HttpServer server) {
        return proxy(HttpServer.class, server, (real, method, args) -> {
            if (method.getName().equals("listen") && args != null && args.length == 2 && args[0] instanceof Integer port
                    && args[1] instanceof Handler<?> handler) {
                real.listen(port, HOST, (Handler) handler);
                return null;
            }
            Object result = invoke(method, real, args);
            return result == real ? null : result;
        });
    }

    private interface Call<T> {
        Object on(T real, java.lang.reflect.Method method, Object[] args) throws Throwable;
    }

    private static <T> T proxy(Class<T> type, T real, Call<T> call) {
        Object[] self = new Object[1];
        self[0] = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, method, args) -> {
            Object result = call.on(real, method, args);
            return result == null && method.getReturnType().isAssignableFrom(type) ? p : result;
        });
        return type.cast(self[0]);
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
