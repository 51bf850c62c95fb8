// The source of truth for every word the app shows. Keys nested by feature, snake_case leaves, sorted.
const ja = {
  app: {
    name: 'DXまなびパスポート',
    reload: '再読み込み',
    short_name: 'DXパスポート',
    skip_to_content: '本文へ移動',
    start_failed: 'アプリを開始できませんでした。ページを再読み込みしてください。',
    starting: '準備しています。初めて開くときは、少し時間がかかります。',
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
    signed_in_as: '{name}さんとしてログインしています。',
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
  session: {
    email_label: 'メールアドレス',
    email_required: 'メールアドレスを入力してください。',
    magic_link_button: 'ログイン用のリンクをメールで受け取る',
    magic_link_failed: 'メールを送れませんでした。時間をおいて、もう一度お試しください。',
    magic_link_sent: 'ログイン用のリンクを送りました。メールを開いて、リンクを押してください。',
    password_label: 'パスワード',
    password_required: 'パスワードを入力してください。',
    persona_failed: 'ログインできませんでした。もう一度お試しください。',
    persona_lead: 'デモ版です。使う人を選んでください。',
    persona_role: {
      dx_division: 'DX推進課',
      facilitator: 'ファシリテーター',
      leader_candidate: 'リーダー候補',
      manager: '管理者',
      promoter: '推進員',
    },
    personas_loading: '利用者を準備しています。初めて開くときは、少し時間がかかります。',
    sign_in_button: 'ログイン',
    sign_in_failed: 'ログインできませんでした。メールアドレスとパスワードをお確かめください。',
    sign_in_title: 'ログイン',
    signing_in: 'ログインしています',
  },
  settings: {
    about_body: '所属する自治体の「DX人材育成計画」に基づく、職員のための学習・研修・認定のアプリです。',
    about_title: 'このアプリについて',
    account_title: 'ログイン中の利用者',
    language_en: 'English',
    language_ja: '日本語',
    language_label: '表示言語',
    sign_out: 'ログアウト',
    sign_out_blocked:
      '送信されていない変更が{count}件あります。この端末のデータは消さずに残しています。先に同期してから、ログアウトしてください。',
    sign_out_body: 'ログアウトすると、この端末に保存されたあなたのデータを消去します。',
    sign_out_ready: 'すべて送信しました。ログアウトできます。',
    sign_out_rejected:
      '受け付けられなかった変更が{count}件あります。内容を確かめてから、ログアウトしてください。',
    title: '設定',
    version: 'バージョン {version}',
  },
  sync: {
    error: 'エラー（{reason}）',
    error_auth: 'ログインし直してください',
    error_code: 'コード {code}',
    offline: 'オフライン',
    offline_pending: 'オフライン・{count}件送信待ち',
    pending: '{count}件送信待ち',
    sync_now: '今すぐ同期',
    synced: '同期済み',
    syncing: '同期しています',
  },
}

export type MessageSchema = typeof ja
export default ja
