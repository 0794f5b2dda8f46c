package io.switchback.sandbox;

/** One pod the simulator runs: its workload server and whether it has passed its start delay. */
final class SimulatedPod {

    final String name;
    final String templateHash;
    final SampleWorkload workload;
    private volatile boolean ready;
    private volatile boolean stopped;

    SimulatedPod(String name, String templateHash, SampleWorkload workload) {
        this.name = name;
        this.templateHash = templateHash;
        this.workload = workload;
    }

    boolean ready() {
        return ready && !stopped;
    }

    void markReady() {
        ready = true;
    }

    boolean stopped() {
        return stopped;
    }

    void stop() {
        stopped = true;
        workload.close();
    }
}
