/** A marketplace with a published pack and an org ready to open rooms: the fixture of the rooms and runs tests. */
import { apiKeyFor, openMarket, personWithOrg, type TestMarket, type TestMarketOptions } from './market.js';
import { PROBLEM } from './packs.js';
import { seedVersion } from './seed.js';

export { PROBLEM };
export const PACK = '@acme/basics';

export const KADANE = `def max_subarray(nums):
    best = nums[0]
    current = 0
    for x in nums:
        current = max(x, current + x)
        best = max(best, current)
    return best
`;
export const WRONG = `def max_subarray(nums):
    return 0
`;

export interface RoomsFixture {
  t: TestMarket;
  /** The org owner's Clerk session. */
  owner: string;
  /** An API key of acme with every rooms/runs/webhooks scope. */
  key: string;
}

export async function roomsFixture(options: TestMarketOptions = {}): Promise<RoomsFixture> {
  const t = await openMarket(options);
  const owner = await personWithOrg(t, 'user_owner', 'acme');
  await seedVersion(t.services, { name: PACK });
  const key = await apiKeyFor(t, owner, 'acme', ['rooms:write', 'runs:write', 'webhooks:write']);
  return { t, owner, key };
}
