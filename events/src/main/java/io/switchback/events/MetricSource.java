package io.switchback.events;

/** Where the health monitor read the figures behind a verdict. */
public enum MetricSource implements WireValue {
    /** Scraping the pods' Prometheus endpoints directly: no scrape-interval lag. */
    DIRECT_SCRAPE("direct-scrape"),
    /** PromQL against a Prometheus server. */
    PROMETHEUS("prometheus");

    private final String wire;

    MetricSource(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }
}
