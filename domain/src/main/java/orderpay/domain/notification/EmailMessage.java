package orderpay.domain.notification;

import orderpay.domain.user.Email;

/** One email; {@code messageId} is stable per notification so a resend can be recognised. */
public record EmailMessage(
    String messageId, Email to, String subject, String textBody, String htmlBody) {}
