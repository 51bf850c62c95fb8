/** The small built-in name lists the demo city's employees are drawn from. */
import type { Random } from './random'

/** [kanji, katakana] */
export type NamePart = readonly [string, string]

export const SURNAMES: readonly NamePart[] = [
  ['佐藤', 'サトウ'],
  ['鈴木', 'スズキ'],
  ['高橋', 'タカハシ'],
  ['田中', 'タナカ'],
  ['伊藤', 'イトウ'],
  ['渡辺', 'ワタナベ'],
  ['山本', 'ヤマモト'],
  ['中村', 'ナカムラ'],
  ['小林', 'コバヤシ'],
  ['加藤', 'カトウ'],
  ['吉田', 'ヨシダ'],
  ['山田', 'ヤマダ'],
  ['佐々木', 'ササキ'],
  ['山口', 'ヤマグチ'],
  ['松本', 'マツモト'],
  ['井上', 'イノウエ'],
  ['木村', 'キムラ'],
  ['林', 'ハヤシ'],
  ['斎藤', 'サイトウ'],
  ['清水', 'シミズ'],
  ['山崎', 'ヤマザキ'],
  ['森', 'モリ'],
  ['池田', 'イケダ'],
  ['橋本', 'ハシモト'],
  ['阿部', 'アベ'],
  ['石川', 'イシカワ'],
  ['山下', 'ヤマシタ'],
  ['中島', 'ナカジマ'],
  ['石井', 'イシイ'],
  ['小川', 'オガワ'],
  ['前田', 'マエダ'],
  ['岡田', 'オカダ'],
  ['長谷川', 'ハセガワ'],
  ['藤田', 'フジタ'],
  ['後藤', 'ゴトウ'],
  ['近藤', 'コンドウ'],
  ['村上', 'ムラカミ'],
  ['遠藤', 'エンドウ'],
  ['青木', 'アオキ'],
  ['坂本', 'サカモト'],
  ['相川', 'アイカワ'],
  ['小野', 'オノ'],
  ['荻野', 'オギノ'],
  ['厚見', 'アツミ'],
  ['飯山', 'イイヤマ'],
]

export const GIVEN_NAMES: readonly NamePart[] = [
  ['健太', 'ケンタ'],
  ['翔太', 'ショウタ'],
  ['大輔', 'ダイスケ'],
  ['拓也', 'タクヤ'],
  ['直樹', 'ナオキ'],
  ['誠', 'マコト'],
  ['亮', 'リョウ'],
  ['浩二', 'コウジ'],
  ['和也', 'カズヤ'],
  ['隆', 'タカシ'],
  ['修', 'オサム'],
  ['悠斗', 'ユウト'],
  ['蓮', 'レン'],
  ['陽介', 'ヨウスケ'],
  ['智也', 'トモヤ'],
  ['雅人', 'マサト'],
  ['剛', 'ツヨシ'],
  ['真一', 'シンイチ'],
  ['達也', 'タツヤ'],
  ['秀樹', 'ヒデキ'],
  ['美咲', 'ミサキ'],
  ['陽子', 'ヨウコ'],
  ['恵', 'メグミ'],
  ['裕子', 'ユウコ'],
  ['真由美', 'マユミ'],
  ['彩', 'アヤ'],
  ['愛', 'アイ'],
  ['麻衣', 'マイ'],
  ['香織', 'カオリ'],
  ['由美', 'ユミ'],
  ['沙織', 'サオリ'],
  ['千尋', 'チヒロ'],
  ['結衣', 'ユイ'],
  ['葵', 'アオイ'],
  ['奈々', 'ナナ'],
  ['智子', 'トモコ'],
  ['明美', 'アケミ'],
  ['久美子', 'クミコ'],
  ['理恵', 'リエ'],
  ['遥', 'ハルカ'],
]

const IDEOGRAPHIC_SPACE = '\u3000'

/** A full name and its reading, family name first, separated by a full-width space. */
export function drawName(random: Random): { fullName: string; fullNameKana: string } {
  const [surname, surnameKana] = random.pick(SURNAMES)
  const [given, givenKana] = random.pick(GIVEN_NAMES)
  return {
    fullName: surname + IDEOGRAPHIC_SPACE + given,
    fullNameKana: surnameKana + IDEOGRAPHIC_SPACE + givenKana,
  }
}
