package orderpay.domain.notification;

import orderpay.domain.user.Email;

public record EmailMessage(Email to, String subject, String textBody, String htmlBody) {}
