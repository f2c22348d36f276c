package io.batchsend.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * A loopback TCP server for what a well-behaved HTTP server never does: reset connections, answer
 * garbage, cut a body short, never answer. Reads each request's head, then hands the socket and the
 * request path to the behaviour.
 */
public final class RawServer implements AutoCloseable {
  private final ServerSocket server;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  public RawServer(BiConsumer<Socket, String> behaviour) throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor =
        new Thread(
            () -> {
              while (!server.isClosed()) {
                try {
                  Socket s = server.accept();
                  sockets.add(s);
                  Thread t =
                      new Thread(
                          () -> {
                            try {
                              behaviour.accept(s, readPath(s.getInputStream()));
                            } catch (IOException e) {
                              // The client went away: nothing to do.
                            }
                          });
                  t.setDaemon(true);
                  t.start();
                } catch (IOException e) {
                  return;
                }
              }
            });
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public int port() {
    return server.getLocalPort();
  }

  private static String readPath(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    int c;
    while ((c = in.read()) != -1) {
      head.append((char) c);
      if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
        break;
      }
    }
    String first = head.toString().lines().findFirst().orElse("");
    String[] parts = first.split(" ");
    return parts.length > 1 ? parts[1] : "";
  }

  /** Writes {@code text} as ISO-8859-1 bytes. */
  public static void write(Socket s, String text) throws IOException {
    s.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
    s.getOutputStream().flush();
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : sockets) {
      s.close();
    }
  }
}
