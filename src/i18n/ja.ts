// The source of truth for every word the app shows. Keys nested by feature, snake_case leaves, sorted.
const ja = {
  app: {
    name: 'DXまなびパスポート',
    short_name: 'DXパスポート',
    skip_to_content: '本文へ移動',
    tagline: 'DX人材育成計画',
  },
  common: {
    close: '閉じる',
  },
  home: {
    fiscal_year_now: '現在の年度：{fy}',
    lead: '知識分野ごとの学習、研修・ワークショップへの申込み、効果測定アンケート、DX推進リーダー認定までの道のりを、この端末ひとつで進められます。',
    offline_note:
      'いちど開いた後は、通信がない場所でも使えます。入力した内容はこの端末に保存され、接続が戻ると送信されます。',
    title: 'ようこそ',
    today: '今日は{date}です',
  },
  nav: {
    home: 'ホーム',
    label: 'メインメニュー',
    settings: '設定',
  },
  network: {
    offline: 'オフラインです。入力した内容はこの端末に保存され、接続が戻ると送信されます。',
  },
  not_found: {
    back_home: 'ホームへ戻る',
    body: 'お探しのページは見つかりませんでした。URLをお確かめのうえ、ホームからお進みください。',
    title: 'ページが見つかりません',
  },
  pwa: {
    dismiss: 'あとで',
    offline_ready: 'オフラインでも使えるようになりました。',
    update_available: '新しいバージョンがあります。',
    update_blocked_by_form: '入力中の内容があります。送信または保存してから更新してください。',
    update_now: '更新する',
  },
  settings: {
    about_body: '所属する自治体の「DX人材育成計画」に基づく、職員のための学習・研修・認定のアプリです。',
    about_title: 'このアプリについて',
    language_en: 'English',
    language_ja: '日本語',
    language_label: '表示言語',
    title: '設定',
    version: 'バージョン {version}',
  },
}

export type MessageSchema = typeof ja
export default ja
