package orderpay.domain.shared;

/** What kind of refusal a {@link DomainException} is; inbound adapters map each kind once. */
public enum ErrorKind {
  INVALID_ARGUMENT,
  UNAUTHENTICATED,
  FORBIDDEN,
  NOT_FOUND,
  CONFLICT,
  INVALID_STATE,
  UNAVAILABLE
}
