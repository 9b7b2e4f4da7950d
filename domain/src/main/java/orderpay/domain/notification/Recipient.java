package orderpay.domain.notification;

import orderpay.domain.user.Email;

public record Recipient(Email email, String name) {}
