package io.switchback.buildlistener.trust;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Start-up stops on a bad trust setting with the setting's name, not a stack trace and never the value. */
public final class TrustConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<TrustConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, TrustConfigurationException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Set " + cause.setting() + " (docs/api.md lists the build-listener's trust settings).", null);
    }
}
