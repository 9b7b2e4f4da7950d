package orderpay.adapters.kafka;

import java.util.List;

/**
 * What every part of one {@link IdempotentConsumer}'s loop shares: its name (logs, inbox rows), the
 * topics it subscribes to (with the environment's prefix), its Kafka clients, its retry policy,
 * where it parks what it gives up on, the progress it reports and its stop signal. Built once by
 * the consumer, handed to {@link PollLoop} and {@link RecordApplier}.
 */
record ConsumerContext(
    String name,
    List<String> topics,
    IdempotentConsumer.Clients clients,
    RetryPolicy retryPolicy,
    DeadLetterParking parking,
    ConsumerProgress progress,
    Closing closing) {}
