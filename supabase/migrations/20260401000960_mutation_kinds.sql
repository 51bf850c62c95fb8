-- Mutation kinds as data: private.sync_push looks a kind's handler up in private.mutation_kinds
-- instead of a fixed case, so a feature's migration adds its kinds with one insert and never has to
-- replace sync_push (two features replacing it would each drop the other's kinds). Handlers take the
-- mutation's args (jsonb) and return the row for the result (jsonb), raising DXP codes as before.

create table private.mutation_kinds (
  kind text primary key check (kind ~ '^[a-z][a-z0-9_]{1,62}$'),
  handler regprocedure not null unique
);
comment on table private.mutation_kinds is
  'sync_push の変更の種類と処理関数 / The kinds sync_push applies, each with its handler (args jsonb) → row jsonb';
-- Not exposed (private), and closed to the API roles all the same.
alter table private.mutation_kinds enable row level security;
revoke all on table private.mutation_kinds from public, anon, authenticated;

insert into private.mutation_kinds (kind, handler) values
  ('record_learning', 'private.push_record_learning(jsonb)'),
  ('update_learning', 'private.push_update_learning(jsonb)'),
  ('delete_learning', 'private.push_delete_learning(jsonb)'),
  ('register_session', 'private.push_register_session(jsonb)'),
  ('cancel_registration', 'private.push_cancel_registration(jsonb)'),
  ('submit_survey', 'private.push_submit_survey(jsonb)'),
  ('check_in', 'private.push_check_in(jsonb)'),
  ('volunteer_candidacy', 'private.push_volunteer_candidacy(jsonb)');

create or replace function private.sync_push(mutations jsonb) returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  uid uuid := auth.uid();
  m jsonb;
  op uuid;
  op_kind text;
  op_args jsonb;
  stored public.applied_ops;
  inserted integer;
  outcome jsonb;
  results jsonb := '[]'::jsonb;
  err_code text;
  err_message text;
  err_row text;
  err_constraint text;
  handler_call text;
  applied_row jsonb;
begin
  if uid is null then
    raise exception using errcode = 'P0001', message = 'DXP001',
      detail = 'サインインしていません。サインインしてから、もう一度お試しください。';
  end if;
  if not exists (select 1 from public.profiles as p where p.id = uid) then
    raise exception using errcode = 'P0001', message = 'DXP002',
      detail = '職員プロフィールが登録されていません。DX推進課にお問い合わせください。';
  end if;
  if jsonb_typeof(mutations) is distinct from 'array' then
    raise exception using errcode = 'P0001', message = 'DXP003',
      detail = '送信データの形式が正しくありません。アプリを最新の状態にしてから、もう一度お試しください。';
  end if;
  if jsonb_array_length(mutations) > 100 then
    raise exception using errcode = 'P0001', message = 'DXP004',
      detail = '一度に送信できる変更は 100 件までです。分けて送信してください。';
  end if;

  for m in select x.value from jsonb_array_elements(mutations) with ordinality as x (value, n) order by x.n loop
    if jsonb_typeof(m) is distinct from 'object' or jsonb_typeof(m -> 'id') is distinct from 'string'
       or (m ->> 'id') !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
      results := results || jsonb_build_array(jsonb_build_object(
        'id', case when jsonb_typeof(m) = 'object' then m -> 'id' else null end,
        'status', 'rejected', 'code', 'DXP010',
        'message', '変更の形式が正しくありません。アプリを最新の状態にしてから、もう一度お試しください。',
        'row', null));
      continue;
    end if;
    op := (m ->> 'id')::uuid;
    op_kind := case when jsonb_typeof(m -> 'kind') = 'string' then pg_catalog.left(m ->> 'kind', 100) else '' end;
    op_args := m -> 'args';

    -- Claim the id first: a concurrent push of the same id waits here, then sees the first result.
    insert into public.applied_ops (op_id, user_id, kind, result) values (op, uid, op_kind, '{}'::jsonb)
      on conflict (op_id) do nothing;
    get diagnostics inserted = row_count;
    if inserted = 0 then
      select * into strict stored from public.applied_ops as a where a.op_id = op;
      if stored.user_id <> uid then
        outcome := jsonb_build_object('id', op, 'status', 'rejected', 'code', 'DXP011',
          'message', 'この変更の ID はほかの利用者の変更に使われています。アプリを最新の状態にしてから、もう一度お試しください。',
          'row', null);
      else
        outcome := stored.result || jsonb_build_object('status', 'duplicate');
      end if;
      results := results || jsonb_build_array(outcome);
      continue;
    end if;

    select pg_catalog.format('select %I.%I($1)', n.nspname, p.proname) into handler_call
      from private.mutation_kinds as k
      join pg_catalog.pg_proc as p on p.oid = k.handler
      join pg_catalog.pg_namespace as n on n.oid = p.pronamespace
      where k.kind = op_kind;
    begin
      if handler_call is null then
        perform private.unknown_kind(op_kind);
      end if;
      execute handler_call into applied_row using op_args;
      outcome := jsonb_build_object('id', op, 'status', 'applied', 'code', null, 'message', null, 'row', applied_row);
    exception
      when sqlstate 'P0001' then
        get stacked diagnostics err_code = message_text, err_message = pg_exception_detail, err_row = pg_exception_hint;
        if err_code !~ '^DXP[0-9]{3}$' then
          raise;
        end if;
        outcome := jsonb_build_object('id', op, 'status', 'rejected', 'code', err_code, 'message', err_message,
          'row', case when err_row <> '' then err_row::jsonb else null end);
      when unique_violation then
        -- A concurrent push by the same employee got there first.
        get stacked diagnostics err_constraint = constraint_name;
        outcome := case err_constraint
          when 'survey_submissions_pkey' then jsonb_build_object('id', op, 'status', 'rejected', 'code', 'DXP052',
            'message', 'この日程のアンケートには回答済みです。ご協力ありがとうございました。', 'row', null)
          when 'registrations_one_active_idx' then jsonb_build_object('id', op, 'status', 'rejected', 'code', 'DXP023',
            'message', 'この日程にはすでに申し込んでいます。申込み状況をご確認ください。', 'row', null)
          else jsonb_build_object('id', op, 'status', 'rejected', 'code', 'DXP090',
            'message', '処理できませんでした。入力内容を確認してから、もう一度お試しください。', 'row', null)
        end;
      when integrity_constraint_violation or data_exception then
        -- A table constraint caught what the checks did not: this mutation's fault, not the batch's.
        outcome := jsonb_build_object('id', op, 'status', 'rejected', 'code', 'DXP090',
          'message', '処理できませんでした。入力内容を確認してから、もう一度お試しください。', 'row', null);
    end;
    update public.applied_ops set result = outcome where op_id = op;
    results := results || jsonb_build_array(outcome);
  end loop;
  return results;
end
$$;
