package io.docketsync.activity.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One page of a listing made of two sorted sources: items read by page from the database (single activities) and
 * items computed in memory (occurrences of recurring activities, all of those in range). The database is asked only
 * for what the page can hold: the items of rank {@code max(0, offset - others)} to {@code offset + size - 1}. No I/O.
 */
public final class MergedPage {
    private MergedPage() {
    }

    /** The rank of the first database item the page at {@code offset} can need. */
    public static int firstRank(int offset, int others) {
        return Math.max(0, offset - others);
    }

    /**
     * @param stored    the database's items from rank {@code firstRank} on, in {@code order}, up to rank offset + size - 1
     * @param firstRank the rank of {@code stored}'s first item ({@link #firstRank})
     * @param others    every computed item, in {@code order}
     * @return the merged listing's items at positions {@code offset} .. {@code offset + size - 1}; on a tie the stored
     *         item comes first
     */
    public static <T> List<T> page(List<T> stored, int firstRank, List<T> others, int offset, int size,
            Comparator<? super T> order) {
        int i = 0;
        int j = 0;
        long position = 0;
        if (firstRank > 0) {
            if (stored.isEmpty()) {
                return List.of(); // the listing ends before offset
            }
            while (j < others.size() && order.compare(others.get(j), stored.get(0)) < 0) {
                j++;
            }
            position = (long) firstRank + j; // at most offset
        }
        List<T> out = new ArrayList<>();
        while (out.size() < size && (i < stored.size() || j < others.size())) {
            boolean fromStored = j >= others.size()
                    || (i < stored.size() && order.compare(stored.get(i), others.get(j)) <= 0);
            T next = fromStored ? stored.get(i++) : others.get(j++);
            if (position >= offset) {
                out.add(next);
            }
            position++;
        }
        return out;
    }
}
