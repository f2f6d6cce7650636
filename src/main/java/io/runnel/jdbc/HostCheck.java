package io.runnel.jdbc;

import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.postgresql.ssl.PGjdbcHostnameVerifier;

/**
 * pgjdbc's own host name check for {@code verify-full} ({@link PGjdbcHostnameVerifier}), which in
 * addition remembers, for the connecting thread, the names of a certificate that failed it:
 * pgjdbc's error only names the host, and "certificate for db.example.com does not match host
 * 10.0.0.5" needs both. pgjdbc instantiates it by class name (hence public); a connection attempt
 * runs on the thread that asked for it, so a thread-local carries the names to {@link TlsErrors}.
 */
public final class HostCheck implements HostnameVerifier {
  private static final ThreadLocal<String> MISMATCH = new ThreadLocal<>();

  /** Called by pgjdbc. */
  public HostCheck() {}

  @Override
  public boolean verify(String host, SSLSession session) {
    if (PGjdbcHostnameVerifier.INSTANCE.verify(host, session)) {
      return true;
    }
    MISMATCH.set(names(session));
    return false;
  }

  /** The names of the certificate that failed on this thread since the last call, or null. */
  static String takeMismatch() {
    String names = MISMATCH.get();
    MISMATCH.remove();
    return names;
  }

  private static String names(SSLSession session) {
    try {
      Certificate[] chain = session.getPeerCertificates();
      if (chain.length == 0 || !(chain[0] instanceof X509Certificate cert)) {
        return "?";
      }
      List<String> names = new ArrayList<>();
      Collection<List<?>> alternatives = cert.getSubjectAlternativeNames();
      for (List<?> name : alternatives == null ? List.<List<?>>of() : alternatives) {
        Object type = name.get(0);
        if (Integer.valueOf(2).equals(type) || Integer.valueOf(7).equals(type)) {
          names.add(String.valueOf(name.get(1)));
        }
      }
      return names.isEmpty() ? cert.getSubjectX500Principal().getName() : String.join(", ", names);
    } catch (SSLPeerUnverifiedException | CertificateParsingException e) {
      return "?";
    }
  }
}
