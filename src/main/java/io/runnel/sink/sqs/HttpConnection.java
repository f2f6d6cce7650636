package io.runnel.sink.sqs;

import io.runnel.aws.ProxyEndpoint;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One keep-alive HTTP/1.1 connection to the SQS endpoint, directly or through a proxy's CONNECT
 * tunnel: writes a request, reads its answer (Content-Length or chunked). Blocking; used by one
 * thread at a time (the {@link HttpPool} hands it out), though {@link #close} may come from another
 * (the deadline). TLS with host-name verification for {@code https} endpoints.
 */
final class HttpConnection implements AutoCloseable {
  static final int CONNECT_TIMEOUT_MILLIS = 5_000;
  private static final int MAX_HEADER_BYTES = 64 * 1024;

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private boolean reusable = true;
  private boolean answerStarted;

  private HttpConnection(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
    this.out = new BufferedOutputStream(socket.getOutputStream(), 32 * 1024);
  }

  /**
   * Connects to {@code endpoint}, through {@code proxy} when not null (a CONNECT tunnel for an
   * {@code https} endpoint; for an {@code http} one the proxy itself is the peer and requests name
   * the endpoint in full); over TLS (with {@code tls}, checking the certificate names the
   * endpoint's host) when its scheme is {@code https}. Reads time out after {@code
   * readTimeoutMillis}.
   */
  static HttpConnection open(
      SqsEndpoint endpoint, SSLSocketFactory tls, ProxyEndpoint proxy, int readTimeoutMillis)
      throws IOException {
    Socket plain = new Socket();
    try {
      plain.setTcpNoDelay(true);
      plain.setSoTimeout(readTimeoutMillis);
      if (proxy == null) {
        plain.connect(
            new InetSocketAddress(endpoint.host(), endpoint.port()), CONNECT_TIMEOUT_MILLIS);
      } else {
        plain.connect(new InetSocketAddress(proxy.host(), proxy.port()), CONNECT_TIMEOUT_MILLIS);
        if (endpoint.tls()) {
          tunnel(plain, endpoint, proxy);
        }
      }
      if (!endpoint.tls()) {
        return new HttpConnection(plain);
      }
      SSLSocket secure =
          (SSLSocket) tls.createSocket(plain, endpoint.host(), endpoint.port(), true);
      SSLParameters parameters = secure.getSSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      secure.setSSLParameters(parameters);
      secure.startHandshake();
      return new HttpConnection(secure);
    } catch (IOException | RuntimeException e) {
      plain.close();
      throw e;
    }
  }

  /** Asks the proxy for a tunnel to the endpoint (Basic credentials sent up front). */
  private static void tunnel(Socket socket, SqsEndpoint endpoint, ProxyEndpoint proxy)
      throws IOException {
    String authority = endpoint.host() + ":" + endpoint.port();
    StringBuilder request = new StringBuilder(256);
    request.append("CONNECT ").append(authority).append(" HTTP/1.1\r\n");
    request.append("Host: ").append(authority).append("\r\n");
    proxy
        .basicAuthorization()
        .ifPresent(basic -> request.append("Proxy-Authorization: ").append(basic).append("\r\n"));
    request.append("\r\n");
    OutputStream out = socket.getOutputStream();
    out.write(ascii(request.toString()));
    out.flush();
    // Unbuffered: after the empty line, the bytes are the TLS server's.
    InputStream in = socket.getInputStream();
    String statusLine = readLine(in);
    while (!readLine(in).isEmpty()) {
      // the proxy's headers: nothing Runnel needs
    }
    int status = statusLine.length() >= 12 ? Integer.parseInt(statusLine.substring(9, 12)) : 0;
    if (status == 407) {
      throw new IOException(
          "the proxy refused Runnel's credentials (HTTP 407 Proxy Authentication Required):"
              + " check the user and password in the proxy URL");
    }
    if (status / 100 != 2) {
      throw new IOException("the proxy refused a tunnel to " + authority + ": " + statusLine);
    }
  }

  /** Whether the connection may carry another request. */
  boolean reusable() {
    return reusable && !socket.isClosed();
  }

  /**
   * Whether any byte of the last request's answer arrived (then it must not be re-sent at once).
   */
  boolean answerStarted() {
    return answerStarted;
  }

  /**
   * Sends {@code head} (request line and headers, ending in an empty line) and {@code body}, and
   * reads the answer.
   *
   * @throws IOException when the connection fails; it must then be closed
   */
  HttpAnswer exchange(byte[] head, byte[] body, int bodyLength) throws IOException {
    answerStarted = false;
    out.write(head);
    out.write(body, 0, bodyLength);
    out.flush();
    return readAnswer();
  }

  private HttpAnswer readAnswer() throws IOException {
    int first = in.read();
    if (first < 0) {
      throw new EOFException("connection closed by the SQS endpoint");
    }
    answerStarted = true;
    String statusLine = (char) first + readLine(in);
    if (!statusLine.startsWith("HTTP/1.")) {
      throw new IOException("not an HTTP answer: " + abbreviate(statusLine));
    }
    int status = Integer.parseInt(statusLine.substring(9, 12));
    long contentLength = -1;
    boolean chunked = false;
    String queryError = null;
    String date = null;
    int headerBytes = 0;
    for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
      headerBytes += line.length();
      if (headerBytes > MAX_HEADER_BYTES) {
        throw new IOException("HTTP answer headers over " + MAX_HEADER_BYTES + " bytes");
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        continue;
      }
      String name = line.substring(0, colon).trim();
      String value = line.substring(colon + 1).trim();
      if (name.equalsIgnoreCase("content-length")) {
        contentLength = Long.parseLong(value);
      } else if (name.equalsIgnoreCase("transfer-encoding")) {
        chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
      } else if (name.equalsIgnoreCase("connection")) {
        reusable &= !value.equalsIgnoreCase("close");
      } else if (name.equalsIgnoreCase("x-amzn-query-error")) {
        queryError = value;
      } else if (name.equalsIgnoreCase("date")) {
        date = value;
      }
    }
    if (statusLine.startsWith("HTTP/1.0")) {
      reusable = false;
    }
    byte[] body;
    if (chunked) {
      body = readChunked();
    } else if (contentLength >= 0) {
      body = in.readNBytes(Math.toIntExact(contentLength));
      if (body.length < contentLength) {
        throw new EOFException("HTTP answer ended after " + body.length + " of " + contentLength);
      }
    } else {
      reusable = false;
      body = in.readAllBytes();
    }
    return new HttpAnswer(status, queryError, date, body);
  }

  private byte[] readChunked() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String sizeLine = readLine(in);
      int semicolon = sizeLine.indexOf(';');
      int size =
          Integer.parseInt(
              (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
      if (size == 0) {
        while (!readLine(in).isEmpty()) {
          // trailers: none expected from SQS, skipped
        }
        return body.toByteArray();
      }
      byte[] chunk = in.readNBytes(size);
      if (chunk.length < size) {
        throw new EOFException("HTTP chunk ended after " + chunk.length + " of " + size);
      }
      body.write(chunk);
      readLine(in);
    }
  }

  /** One header line without its CRLF; ASCII. */
  private static String readLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder(64);
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("connection closed by the SQS endpoint");
      }
      if (b == '\n') {
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') {
          line.setLength(end - 1);
        }
        return line.toString();
      }
      if (line.length() >= MAX_HEADER_BYTES) {
        throw new IOException("HTTP answer line over " + MAX_HEADER_BYTES + " bytes");
      }
      line.append((char) b);
    }
  }

  private static String abbreviate(String text) {
    return text.length() > 80 ? text.substring(0, 80) + "…" : text;
  }

  /** Closes the socket; safe from any thread, also while another thread reads or writes. */
  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // closing a failed connection: nothing left to do with it
    }
  }

  /** The bytes of {@code text} as sent in HTTP heads. */
  static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }
}
