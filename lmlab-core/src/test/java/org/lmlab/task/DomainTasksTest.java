package org.lmlab.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmlab.config.BadInputException;
import org.lmlab.tensor.Tensors;
import org.lmlab.tensor.Torch;

/** Domain-labelled tasks: single-domain batches, targets = next inputs, determinism, one-line bad input. */
class DomainTasksTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void init() {
        Torch.init();
    }

    @Test
    void bigramBatchesStayInTheirDomainWindow() {
        BigramDomains task = BigramDomains.standard(16, 3);
        for (long i = 0; i < 16; i++) {
            Batch b = task.trainBatch(i, 4);
            long[] in = Tensors.toLongs(b.inputs());
            long[] tg = Tensors.toLongs(b.targets());
            int lo = task.offset((int) (i % 8));
            for (int k = 0; k < in.length; k++) {
                assertTrue(Math.floorMod(in[k] - lo, 128) < 32, "token inside domain " + i % 8 + "'s window");
                if (k % 16 != 15) {
                    assertEquals(in[k + 1], tg[k], "targets are the next inputs");
                }
            }
        }
        assertArrayEquals(Tensors.toLongs(task.trainBatch(5, 3).inputs()),
                Tensors.toLongs(BigramDomains.standard(16, 3).trainBatch(5, 3).inputs()));
    }

    @Test
    void fortuneTopicsAreSingleTopicWindows() throws Exception {
        Files.writeString(tmp.resolve("alpha"), "aaaa aaaa aaaa\n%\naaa aaaaa aa\n%\naaaa aaa aaaa\n%\naa aaaa aaaaa\n");
        Files.writeString(tmp.resolve("beta"), "bbbb bbbb bbbb\n%\nbbb bbbbb bb\n%\nbbbb bbb bbbb\n%\nbb bbbb bbbbb\n");
        FortuneTopics task = new FortuneTopics(tmp, List.of("alpha", "beta"), 8, 0.25, 1);
        for (long i = 0; i < 4; i++) {
            long[] in = Tensors.toLongs(task.trainBatch(i, 2).inputs());
            char other = i % 2 == 0 ? 'b' : 'a';
            for (long t : in) {
                assertTrue(t != other, "batch " + i + " is from one topic only");
            }
        }
        BadInputException e = assertThrows(BadInputException.class,
                () -> new FortuneTopics(tmp, List.of("alpha", "gamma"), 8, 0.25, 1));
        assertTrue(e.getMessage().contains("gamma"), e.getMessage());
    }
}
