package org.lmlab.probe.moe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;
import org.lmlab.model.Block;
import org.lmlab.model.Decoder;
import org.lmlab.model.moe.MoeFeedForward;
import org.lmlab.nn.HookPoint;
import org.lmlab.task.Batch;
import org.lmlab.task.DomainLabelled;
import org.lmlab.task.Task;
import org.lmlab.tensor.NoGrad;
import org.lmlab.tensor.Tensors;

/**
 * Measures {@link RoutingCounts}: runs held-out batches of each domain through the model (no gradients, one scope
 * per batch), reads every MoE layer's {@code router_logits} hook point and counts the top-K choices
 * (the same choice the layer makes: top-K of softmax(logits)).
 */
public final class ExpertRouting {
    private ExpertRouting() {}

    public static RoutingCounts measure(Decoder model, Task task, int batchSize, int batchesPerDomain, Device device) {
        Map<String, MoeFeedForward> layers = new LinkedHashMap<>();
        List<Block> blocks = model.blocks();
        for (int i = 0; i < blocks.size(); i++) {
            if (blocks.get(i).feedForward() instanceof MoeFeedForward m) {
                layers.put("blocks." + i + ".moe", m);
            }
        }
        if (layers.isEmpty()) {
            throw new org.lmlab.config.BadInputException("the model has no MoE layer (model.ffn.kind is dense)");
        }
        MoeFeedForward first = layers.values().iterator().next();
        int e = first.spec().experts();
        int k = first.spec().topK();
        List<String> domains = task instanceof DomainLabelled dl ? dl.domains() : List.of("all");
        Map<String, long[][]> counts = new LinkedHashMap<>();
        layers.keySet().forEach(name -> counts.put(name, new long[domains.size()][e]));
        for (int d = 0; d < domains.size(); d++) {
            List<Batch> batches = task instanceof DomainLabelled dl
                    ? dl.domainEvalBatches(d, batchSize, batchesPerDomain)
                    : task.evalBatches(batchSize, batchesPerDomain);
            for (Batch b : batches) {
                count(model, layers.keySet(), b, device, e, k, counts, d);
            }
        }
        return new RoutingCounts(domains, e, k, counts);
    }

    private static void count(Decoder model, Iterable<String> layers, Batch b, Device device, int e, int k,
            Map<String, long[][]> counts, int domain) {
        try (NoGrad g = NoGrad.enter(); PointerScope scope = new PointerScope()) {
            List<HookPoint.Handle> handles = new ArrayList<>();
            for (String name : layers) {
                long[] row = counts.get(name)[domain];
                handles.add(model.hookPoint(name + ".router_logits", true).read(logits -> {
                    Tensor chosen = logits.reshape(-1, e).softmax(-1).topk(k, -1, true, true).get1();
                    long[] c = Tensors.toLongs(torch.bincount(chosen.reshape(-1), new TensorOptional(), e));
                    for (int i = 0; i < e; i++) {
                        row[i] += c[i];
                    }
                }));
            }
            try {
                model.forward(b.inputs().to(device, b.inputs().scalar_type()));
            } finally {
                handles.forEach(HookPoint.Handle::close);
            }
        }
    }
}
