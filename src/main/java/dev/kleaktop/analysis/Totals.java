package dev.kleaktop.analysis;

import dev.kleaktop.model.MemInfo;

/**
 * Memory totals with their rates over the window, in kB and kB per second (null unknown).
 */
public record Totals(MemInfo mem, Double slabKbPerS, Double sUnreclaimKbPerS, Double sReclaimableKbPerS,
                     Double memAvailableKbPerS) {}
