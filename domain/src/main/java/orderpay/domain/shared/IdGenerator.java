package orderpay.domain.shared;

import java.util.UUID;

/** Source of new identities; time-ordered in production, predictable in tests. */
public interface IdGenerator {
  UUID newId();
}
