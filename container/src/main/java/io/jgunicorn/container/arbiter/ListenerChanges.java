package io.jgunicorn.container.arbiter;

import io.jgunicorn.config.Config;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A HUP whose {@code bind} changed, as in Gunicorn: addresses new to the list are bound before the
 * new generation spawns (so its workers accept on them), addresses gone from it stop being handed to
 * new workers, and the arbiter closes them once the old generation was told to stop (its workers
 * hold their own copies until they exit). A reload that fails puts the old list back.
 *
 * <p>{@code live} is the arbiter's socket list, shared with the launcher and the USR2 upgrade;
 * it is changed in place, on the arbiter's loop thread only.
 */
final class ListenerChanges {

    private static final Logger log = LoggerFactory.getLogger("jgunicorn.arbiter");

    private final List<BoundSocket> live;
    private List<BoundSocket> added = List.of();
    private List<BoundSocket> removed = List.of();
    private List<BoundSocket> before = List.of();

    ListenerChanges(List<BoundSocket> live) {
        this.live = live;
    }

    /** Before a reload's generation spawns: binds what is new, withholds what is gone. */
    void reload(Config next) {
        commit(); // a reload on top of a reload still rolling: the earlier one's leftovers go now
        List<String> wanted = next.list("bind");
        if (wanted.equals(live.stream().map(BoundSocket::bind).toList())) {
            return;
        }
        List<BoundSocket> keep = new ArrayList<>();
        List<BoundSocket> fresh = new ArrayList<>();
        for (String b : wanted) {
            BoundSocket s = live.stream().filter(x -> x.bind().equals(b)).findFirst().orElse(null);
            if (s == null) {
                try {
                    s = BoundSocket.bind(b, next.integer("backlog"));
                    fresh.add(s);
                    log.info("Listening at: {} ({})", s.url(), ProcessHandle.current().pid());
                } catch (IOException e) {
                    log.error("Reload: {}; keeping the other listeners", e.getMessage());
                    continue;
                }
            }
            keep.add(s);
        }
        if (keep.isEmpty()) {
            log.error("Reload: no new listener could be bound; keeping the current ones");
            return;
        }
        before = List.copyOf(live);
        removed = live.stream().filter(s -> !keep.contains(s)).toList();
        added = List.copyOf(fresh);
        live.clear();
        live.addAll(keep);
    }

    /**
     * The old generation is about to be told to stop: the listeners the new list no longer has
     * ignore new connections from now on, so the old workers leave none queued on them.
     */
    void closingForGood() {
        removed.forEach(BoundSocket::closingForGood);
    }

    /** The old generation was told to stop: close what the new list no longer has. */
    void commit() {
        for (BoundSocket s : removed) {
            log.info("Closing listener: {}", s.url());
            s.close();
        }
        removed = List.of();
        added = List.of();
        before = List.of();
    }

    /** The reload failed: the old workers keep serving on the old list. */
    void rollBack() {
        if (before.isEmpty()) {
            return;
        }
        added.forEach(BoundSocket::close);
        live.clear();
        live.addAll(before);
        removed = List.of();
        added = List.of();
        before = List.of();
    }
}
