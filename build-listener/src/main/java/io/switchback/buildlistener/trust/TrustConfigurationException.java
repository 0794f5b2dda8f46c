package io.switchback.buildlistener.trust;

/** A trust setting that cannot work; its message names the setting and the problem, never a value. */
public final class TrustConfigurationException extends IllegalStateException {

    private final String setting;

    TrustConfigurationException(String setting, String problem) {
        super(setting + " " + problem);
        this.setting = setting;
    }

    /** @throws TrustConfigurationException naming {@code setting} and {@code problem} unless {@code holds} */
    public static void require(boolean holds, String setting, String problem) {
        if (!holds) {
            throw new TrustConfigurationException(setting, problem);
        }
    }

    public String setting() {
        return setting;
    }
}
