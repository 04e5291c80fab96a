//! Work shared between two threads where it splits by key: each holder's land is merged and
//! cut to the map on its own, so a day's territory uses both cores of a small machine.

/// `f` over `items`, in their order; on a second thread for half the work (by `weight`)
/// when there is a core for it and enough work to pay for the thread.
pub(super) fn map<T: Send, U: Send>(
    items: Vec<T>,
    weight: impl Fn(&T) -> usize,
    f: impl Fn(T) -> U + Sync,
) -> Vec<U> {
    /// Below this much work (vertices, say) a thread costs more than it saves.
    const WORTH_A_THREAD: usize = 20_000;
    let total: usize = items.iter().map(&weight).sum();
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    if cores < 2 || items.len() < 2 || total < WORTH_A_THREAD {
        return items.into_iter().map(f).collect();
    }
    // Heaviest first, each to the lighter of the two halves; the order is restored after.
    let mut order: Vec<(usize, usize, T)> = items
        .into_iter()
        .enumerate()
        .map(|(i, t)| (weight(&t), i, t))
        .collect();
    order.sort_by_key(|o| std::cmp::Reverse(o.0));
    let (mut mine, mut theirs) = (Vec::new(), Vec::new());
    let (mut a, mut b) = (0, 0);
    for (w, i, t) in order {
        if a <= b {
            a += w;
            mine.push((i, t));
        } else {
            b += w;
            theirs.push((i, t));
        }
    }
    let run = |part: Vec<(usize, T)>| -> Vec<(usize, U)> {
        part.into_iter().map(|(i, t)| (i, f(t))).collect()
    };
    let mut out = std::thread::scope(|s| {
        let other = s.spawn(|| run(theirs));
        let mut out = run(mine);
        // A panic on the other thread is passed on as this thread's.
        match other.join() {
            Ok(more) => out.extend(more),
            Err(e) => std::panic::resume_unwind(e),
        }
        out
    });
    out.sort_by_key(|(i, _)| *i);
    out.into_iter().map(|(_, u)| u).collect()
}

#[cfg(test)]
mod tests {
    /// Split over two threads or not, the results come back in the items' order.
    #[test]
    fn results_keep_the_order_of_the_items() {
        let items: Vec<usize> = (0..50).collect();
        let out = super::map(items.clone(), |&i| (i % 7) * 10_000, |i| i * 3);
        assert_eq!(out, items.iter().map(|i| i * 3).collect::<Vec<_>>());
        let few = super::map(vec![5, 1], |_| 1, |i| i + 1);
        assert_eq!(few, [6, 2]);
    }
}
