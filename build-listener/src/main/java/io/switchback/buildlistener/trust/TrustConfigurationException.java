package io.switchback.buildlistener.trust;

/** A trust setting that cannot work; its message names the setting and the problem, never a value. */
public final class TrustConfigurationException extends IllegalStateException {

    private final String setting;

    public TrustConfigurationException(String setting, String problem) {
        super(setting + " " + problem);
        this.setting = setting;
    }

    public String setting() {
        return setting;
    }
}
