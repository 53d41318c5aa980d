import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectSqli } from './sqli-fingerprint.js';
import { sqlTokens } from './sql-tokens.js';

test('comment and whitespace tricks give the same tokens as plain SQL', () => {
  assert.equal(sqlTokens('1 union select 2', 'none').fingerprint, '1UE1');
  assert.equal(sqlTokens('1/**/union/**/select/**/2', 'none').fingerprint, '1UE1');
  assert.equal(sqlTokens('1 /*!50000union*/ select 2', 'none').fingerprint, '1UE1');
  assert.equal(sqlTokens('1 union--x\nselect 2', 'none').fingerprint, '1UE1');
  assert.equal(sqlTokens("x' OR 1=1--", "'").fingerprint, 's&1o1c');
});

test('injections are found in the context they break out of', () => {
  const cases: Array<[string, string]> = [
    ["x' or 1=1--", 'close-condition'],
    ["admin'--", 'close-comment'],
    ["' or ''='", 'close-condition'],
    [') or (1=1', 'condition'],
    ['id AND 8=8', 'number-compare'],
    ["1'; DROP TABLE members;--", 'stacked'], ["x';--", 'close-comment'],
    ['5 ORDER BY 3--', 'number-clause'],
    ['3 and sleep(5)', 'number-condition'],
    ['-1 UniOn/**/SeLeCt password FROM users', 'union-select'],
    ['"or"1"="1', 'close-condition'],
    ["1'", 'quote-probe'], ["\\'", 'quote-probe'],
    // a condition after the closing quote, cut by a comment: whatever words it uses
    ["z'or email notnull--", 'close-cut'], ["id'not like id--", 'close-cut'], ["' is not?--", 'close-cut'],
    ["'sounds like rowid--", 'close-cut'], ["'or(glob 1)--", 'close-cut'],
    // keywords that are also functions, when called
    ['database(', 'function-call'], ['DaTaBasE(', 'function-call'],
    ["x' or array[id] is not null--", 'close-cut'], ['DROP sampletable;--', 'statement-end'],
    [";REPLACE/*x*/t/*x*/(id, name) VALUES (1, 'test');", 'stacked'], ['password::int', 'postgres-cast'],
    ['` AS `edit_user_id` from', 'alias-from'],
    // casts closing an expression, calls to built-ins of PostgreSQL and SQLite no list named by
    // hand, a value continuing a select list, a comparison cut by a comment
    ['1+current_user::int', 'postgres-cast'], ['(json_build_object(1,password)::jsonb)::int', 'function-call'],
    ['generate_series(1,5)', 'function-call'], ['3 and pg_ls_dir(1)', 'number-condition'],
    [", FIND_IN_SET('22', Category )", 'function-call'], ["1='1' or-- -", 'compare-comment'],
  ];
  for (const [value, shape] of cases) assert.equal(detectSqli(value)?.shape, shape, value);
});

test('text with quotes, words like "or" and "select", e-mails and user agents is not SQL', () => {
  for (const value of [
    "l'or et l'argent", "O'Brien", "d'or (massif)", "l'union fait la force", 'rock and roll', 'Select a riding',
    'grant@example.org', 'Vino Rioja', 'fish & chips', 'price: 10-20', 'Carrer Carrasca 19, 4-C', "it's 5 o'clock",
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36',
    'Saint-Jean-sur-Richelieu (Québec)', 'He said "yes" and left',
    // headlines, lists and quotations from real posts: keywords followed by words, not SQL
    "Update: There are 13 additional cases", "Drop in China's new coronavirus cases; none in Hubei", '4) Where does one go to get back their reputation?',
    '"When you open your heart to patriotism, there is no room for prejudice."', '"All animals are equal, but some animals are more equal"',
    '"In 2018, chairman and then-CEO Bruno Wu', '@HillaryClinton #HillaryForPrison', '@MaajidNawaz when are we going to talk?!',
    "Y'all aren't ready for NY-14's guest", "'Jeanine is back! She's gonna be back",
    'Delete account', 'Print this page', 'std::string in C++', 'Drop us a line;',
    `Characters-shouldn't-trigger-rule-"-match-in-;-file`,
    'Foo::Text', 'see App::Config::text() for details', 'fe80::1', 'profit (before tax) -- see notes',
  ]) {
    assert.equal(detectSqli(value), undefined, value);
  }
});

test('the fragment shows the tokens that matched, from the closing quote', () => {
  const m = detectSqli("7' OR 1=1-- -");
  assert.equal(m?.context, "'");
  assert.equal(m?.fragment, "' OR 1=1-- -");
});
