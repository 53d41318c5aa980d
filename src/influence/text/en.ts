/** English reasons of the influence module, keyed by code. */
export const INFLUENCE_EN = {
  'influence.group': '{accounts} accounts acted together {actions} times over {days} days',
  'influence.signal.co_repost': 'reposted the same posts within {window} seconds of each other ({count} times)',
  'influence.signal.co_link': 'shared the same links within {window} seconds of each other ({count} times)',
  'influence.signal.co_text': 'posted near-identical text within {window} seconds of each other ({count} times)',
  'influence.signal.co_hashtag': 'used the same rare hashtags within {window} seconds of each other ({count} times)',
  'influence.signal.forward': 'posted the same message into {channels} group chats or channels within {window} seconds ({count} times)',
  'influence.signal.co_reply': 'replied to the same posts within {window} seconds of each other ({count} times)',
  'influence.scripts': 'the same messages appear in Simplified and Traditional Chinese',
  'influence.platforms': 'active on several platforms: {platforms}',
  'influence.utc_offset': 'posts fall in a working day at UTC{offset}',
  'influence.targets': 'aimed at {targets}',
} as const;
