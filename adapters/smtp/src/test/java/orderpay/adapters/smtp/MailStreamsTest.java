package orderpay.adapters.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.util.StreamProvider;
import org.eclipse.angus.mail.util.MailStreamProvider;
import org.junit.jupiter.api.Test;

class MailStreamsTest {

  @Test
  void loadingTheMailerNamesAngusAsTheStreamProviderSoNoMessageScansTheClassPath()
      throws Exception {
    Class.forName(SmtpMailer.class.getName(), true, SmtpMailer.class.getClassLoader());

    assertThat(System.getProperty(MailStreams.PROPERTY)).isEqualTo(MailStreams.ANGUS_PROVIDER);
    assertThat(StreamProvider.provider()).isInstanceOf(MailStreamProvider.class);
  }

  @Test
  void aProviderTheOperatorChoseIsKept() {
    String before = System.getProperty(MailStreams.PROPERTY);
    try {
      System.setProperty(MailStreams.PROPERTY, "com.example.TheirStreams");
      MailStreams.pinProvider();
      assertThat(System.getProperty(MailStreams.PROPERTY)).isEqualTo("com.example.TheirStreams");
    } finally {
      if (before == null) {
        System.clearProperty(MailStreams.PROPERTY);
      } else {
        System.setProperty(MailStreams.PROPERTY, before);
      }
    }
  }
}
