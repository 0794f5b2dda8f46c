package io.switchback.buildlistener.trust;

/** Who sent an authenticated request, from its credential: never from its body. */
public sealed interface Caller {

    /** What its rate limit and its deliveries are counted under. */
    String id();

    /** A repository's pipeline, by its secret or its OIDC token. */
    record BuildSender(Credentials.Sender sender) implements Caller {
        @Override
        public String id() {
            return sender.repository();
        }
    }

    /** A person or pipeline holding an operator credential. */
    record OperatorCaller(Credentials.Operator operator) implements Caller {
        @Override
        public String id() {
            return operator.identity();
        }
    }

    /** GitHub, by the secret of a webhook. */
    record GitHubWebhook(Credentials.Webhook webhook) implements Caller {
        @Override
        public String id() {
            return "github:" + webhook.scope();
        }
    }
}
