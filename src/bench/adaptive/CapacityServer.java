import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback server for the --adaptive benchmark: serves at most SLOTS requests at once, each for
 * HOLD_MS, and answers 429 beyond that. GET /stats prints "ok=N refused=M"; /reset zeroes them.
 * Prints its port on stdout. Run with: java CapacityServer.java SLOTS HOLD_MS
 */
public final class CapacityServer {
  public static void main(String[] args) throws IOException {
    int slots = Integer.parseInt(args[0]);
    long holdMillis = Long.parseLong(args[1]);
    Semaphore free = new Semaphore(slots);
    AtomicLong ok = new AtomicLong();
    AtomicLong refused = new AtomicLong();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            try (InputStream in = exchange.getRequestBody()) {
              in.readAllBytes();
            }
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/stats") || path.equals("/reset")) {
              if (path.equals("/reset")) {
                ok.set(0);
                refused.set(0);
              }
              byte[] body =
                  ("ok=" + ok.get() + " refused=" + refused.get() + "\n")
                      .getBytes(StandardCharsets.UTF_8);
              exchange.sendResponseHeaders(200, body.length);
              try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
              }
              return;
            }
            int status = 429;
            if (free.tryAcquire()) {
              try {
                Thread.sleep(holdMillis);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } finally {
                free.release();
              }
              status = 200;
            }
            (status == 200 ? ok : refused).incrementAndGet();
            // Headers only: one write, no delayed-ACK stall (Nagle) between headers and body.
            exchange.sendResponseHeaders(status, -1);
          }
        });
    server.start();
    System.out.println(server.getAddress().getPort());
    System.out.flush();
  }
}
