package io.vigil.testing;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TcpProxyTest {
  private ServerSocket echo;
  private TcpProxy proxy;

  @BeforeEach
  void startEchoServerBehindAProxy() throws IOException {
    echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread server = new Thread(() -> {
      while (!echo.isClosed()) {
        try {
          Socket s = echo.accept();
          Thread t = new Thread(() -> {
            try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
              in.transferTo(out);
            } catch (IOException ignored) {
              // client went away
            }
          });
          t.setDaemon(true);
          t.start();
        } catch (IOException e) {
          return;
        }
      }
    });
    server.setDaemon(true);
    server.start();
    proxy = TcpProxy.start("127.0.0.1", echo.getLocalPort());
  }

  @AfterEach
  void stop() throws IOException {
    proxy.close();
    echo.close();
  }

  private static String roundTrip(Socket socket, String text) throws IOException {
    socket.getOutputStream().write(text.getBytes());
    byte[] buffer = new byte[text.length()];
    int read = 0;
    while (read < buffer.length) {
      int n = socket.getInputStream().read(buffer, read, buffer.length - read);
      if (n < 0) throw new IOException("closed");
      read += n;
    }
    return new String(buffer);
  }

  @Test
  void bytesFlowBothWaysThroughTheProxy() throws IOException {
    try (Socket socket = new Socket("127.0.0.1", proxy.port())) {
      assertThat(roundTrip(socket, "hello")).isEqualTo("hello");
    }
  }

  @Test
  void aCutClosesOpenConnectionsAndRefusesNewOnesUntilRestored() throws IOException {
    Socket before = new Socket("127.0.0.1", proxy.port());
    assertThat(roundTrip(before, "a")).isEqualTo("a");

    proxy.cut();

    assertThatThrownBy(() -> roundTrip(before, "b")).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> new Socket("127.0.0.1", proxy.port())).isInstanceOf(ConnectException.class);

    proxy.restore();

    try (Socket after = new Socket("127.0.0.1", proxy.port())) {
      assertThat(roundTrip(after, "c")).isEqualTo("c");
    }
    before.close();
  }
}
