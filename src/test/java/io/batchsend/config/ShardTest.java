package io.batchsend.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ShardTest {
  @Test
  void parsesKOfN() {
    assertEquals(new Shard(2, 4), Shard.parse("2/4"));
    assertEquals(new Shard(1, 1), Shard.parse(" 1 / 1 "));
    assertEquals("3/7", new Shard(3, 7).toString());
  }

  @Test
  void rejectsKOutsideOneToN() {
    UsageException zero = assertThrows(UsageException.class, () -> Shard.parse("0/4"));
    assertTrue(zero.getMessage().contains("1-based"), zero.getMessage());
    assertThrows(UsageException.class, () -> Shard.parse("5/4"));
    assertThrows(UsageException.class, () -> Shard.parse("1/0"));
    assertThrows(UsageException.class, () -> Shard.parse("-1/4"));
    assertThrows(UsageException.class, () -> Shard.parse("1of4"));
    assertThrows(UsageException.class, () -> Shard.parse("2/4/8"));
    assertThrows(UsageException.class, () -> Shard.parse(""));
    assertThrows(UsageException.class, () -> Shard.parse("99999999999/99999999999"));
  }

  @Test
  void everyIndexBelongsToExactlyOneShard() {
    int n = 7;
    for (long index = 1; index <= 100; index++) {
      int owners = 0;
      for (int k = 1; k <= n; k++) {
        if (new Shard(k, n).includes(index)) {
          owners++;
          assertEquals(k - 1, (index - 1) % n);
        }
      }
      assertEquals(1, owners, "index " + index);
    }
  }

  @Test
  void firstShardStartsAtTheFirstItem() {
    assertTrue(new Shard(1, 4).includes(1));
    assertTrue(new Shard(1, 4).includes(5));
    assertFalse(new Shard(2, 4).includes(1));
    assertTrue(new Shard(4, 4).includes(4));
  }

  @Test
  void shareOfTotalCountsTheShardsItems() {
    for (int n = 1; n <= 6; n++) {
      for (int k = 1; k <= n; k++) {
        Shard shard = new Shard(k, n);
        long counted = 0;
        for (long total = 0; total <= 40; total++) {
          if (total > 0 && shard.includes(total)) {
            counted++;
          }
          assertEquals(counted, shard.shareOf(total), shard + " of " + total);
        }
      }
    }
  }
}
