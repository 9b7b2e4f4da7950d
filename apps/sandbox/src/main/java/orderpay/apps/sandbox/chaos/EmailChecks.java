package orderpay.apps.sandbox.chaos;

import static java.util.stream.Collectors.counting;
import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.toSet;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import orderpay.apps.sandbox.chaos.Finding.Violation;

/** I4 from the mailbox, the notification table and what each finished order owes its customer. */
final class EmailChecks {
  private EmailChecks() {}

  /**
   * I4: in the mailbox, one message per (order, template, recipient) and one welcome per recipient;
   * the same Message-ID twice is a resend the customer's client drops (ADR 6), two Message-IDs are
   * two emails. In the notification table, one row per order and template; every row marked SENT is
   * in the mailbox; and none missing: every finished order has a row for each email its outcome
   * owes (sent, or parked as failed for an operator: recorded either way, never silently dropped).
   */
  static List<Violation> oneEmailPerEventAndTemplate(Snapshot s) {
    var violations = new ArrayList<Violation>();
    var idsByEvent = new TreeMap<String, Set<String>>();
    for (var mail : s.mails()) {
      if (mail.template().isEmpty()) {
        continue; // custom messages: no event to count against
      }
      String event =
          mail.template().equals("welcome")
              ? mail.recipient() + "/welcome"
              : mail.orderId() + "/" + mail.template() + "/" + mail.recipient();
      idsByEvent.computeIfAbsent(event, e -> new HashSet<>()).add(mail.messageId());
    }
    idsByEvent.forEach(
        (event, ids) -> {
          if (ids.size() > 1) {
            violations.add(new Violation(event, ids.size() + " different emails"));
          }
        });
    s.notifications().stream()
        .filter(n -> n.orderId() != null)
        .collect(groupingBy(n -> n.orderId() + "/" + n.template(), TreeMap::new, counting()))
        .forEach(
            (event, rows) -> {
              if (rows > 1) {
                violations.add(new Violation(event, rows + " notification rows"));
              }
            });
    var received = s.mails().stream().map(Mailbox.Mail::messageId).collect(toSet());
    s.notifications().stream()
        .filter(n -> n.status().equals("SENT") && !received.contains(n.messageId()))
        .map(n -> new Violation(n.id(), "marked SENT but not in the mailbox"))
        .forEach(violations::add);
    violations.addAll(emailsNotRecorded(s));
    return violations;
  }

  /** Per finished order, the emails its outcome owes that have no notification row. */
  static List<Violation> emailsNotRecorded(Snapshot s) {
    var recorded =
        s.notifications().stream()
            .filter(n -> n.orderId() != null)
            .map(n -> n.orderId() + "/" + n.template())
            .collect(toSet());
    var violations = new ArrayList<Violation>();
    for (var order : new TreeMap<>(s.orders()).values()) {
      for (String template : new TreeSet<>(order.emailsOwed())) {
        if (!recorded.contains(order.id() + "/" + template)) {
          violations.add(
              new Violation(
                  order.id() + "/" + template,
                  order.status() + " order, no " + template + " email"));
        }
      }
    }
    return violations;
  }
}
