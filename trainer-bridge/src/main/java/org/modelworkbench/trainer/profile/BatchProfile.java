package org.modelworkbench.trainer.profile;

/**
 * The whole model at one batch size: inference forward, and a training forward with backward (no
 * loss, no optimizer step), their throughput and the memory they took. A size that could not run
 * (too little memory, too slow) has only {@code skipped} set.
 *
 * @param macs                 static MACs of one forward at this batch size
 * @param forwardGmacPerSecond macs / median forward time, in 10⁹ per second
 * @param peakRssBytes         the process's largest resident set while this size ran
 * @param stepMemoryBytes      that peak minus the resident set before this size ran: what the runs added
 * @param skipped              why the size was not measured, or null
 */
public record BatchProfile(int batch, long macs, Timing forward, Timing forwardBackward,
                           Double forwardImagesPerSecond, Double trainingImagesPerSecond, Double forwardGmacPerSecond,
                           Long peakRssBytes, Long stepMemoryBytes, String skipped) {

    static BatchProfile skipped(int batch, long macs, String why) {
        return new BatchProfile(batch, macs, null, null, null, null, null, null, null, why);
    }

    public boolean measured() {
        return skipped == null;
    }
}
