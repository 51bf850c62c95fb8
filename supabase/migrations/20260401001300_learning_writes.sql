-- sync_push kinds of learning records: record_learning, update_learning (compare-and-set on `version`)
-- and delete_learning. The person writes e-learning, self-study and other records; the records of
-- attended sessions come from the attendance itself (attendance_learning.sql) and are read-only.

-- Reads and checks the editable fields of a learning record; `base` supplies what args leave out
-- (an update), or null when every required field must be given (a new record).
create function private.learning_fields(args jsonb, base public.learning_records) returns public.learning_records
language plpgsql
set search_path = ''
as $$
declare
  r public.learning_records := base;
  is_new boolean := base.id is null;
begin
  if is_new or args ? 'area_code' then
    r.area_code := private.arg_text(args, 'area_code', 40);
    if not exists (select 1 from public.knowledge_areas as a where a.code = r.area_code) then
      perform private.reject('DXP043', '知識分野が見つかりません。分野を選び直してください。');
    end if;
  end if;
  if is_new or args ? 'source' then
    r.source := private.arg_text(args, 'source', 20);
    if r.source = 'session' then
      -- Only attendance writes these (attendance_learning.sql): one per area, never typed twice.
      perform private.reject('DXP044',
        '研修で学んだ記録は、出席の受付で自動的に作られます。学習方法（eラーニング・自己学習・その他）を選んでください。');
    end if;
    if r.source not in ('e_learning', 'self_study', 'other') then
      perform private.reject('DXP015', '学習方法（eラーニング・自己学習・その他）を選んでください。');
    end if;
  end if;
  if is_new or args ? 'session_id' then
    r.session_id := private.arg_uuid(args, 'session_id', false);
  end if;
  if r.session_id is not null then
    perform private.reject('DXP044',
      '研修日程に結びつく記録は、出席の受付で自動的に作られます。研修日程を外してください。');
  end if;
  if is_new or args ? 'title' then
    r.title := private.arg_text(args, 'title', 200);
    if pg_catalog.btrim(r.title) = '' then
      perform private.reject('DXP015', '題名を入力してください。');
    end if;
  end if;
  if is_new or args ? 'minutes' then
    r.minutes := private.arg_int(args, 'minutes');
    if r.minutes not between 1 and 1440 then
      perform private.reject('DXP015', '学習時間は 1〜1440 分で入力してください。');
    end if;
  end if;
  if is_new or args ? 'completed_on' then
    r.completed_on := private.arg_date(args, 'completed_on');
    if r.completed_on > private.tokyo_today() then
      perform private.reject('DXP016', '未来の日付は登録できません。完了日を確認してください。');
    end if;
    if r.completed_on < date '2000-01-01' then
      perform private.reject('DXP015', '完了日が古すぎます。日付を確認してください。');
    end if;
  end if;
  if is_new or args ? 'note' then
    r.note := coalesce(private.arg_text(args, 'note', 2000, false), '');
  end if;
  return r;
end
$$;

create function private.push_record_learning(args jsonb) returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  rid uuid;
  r public.learning_records;
begin
  perform private.arg_check_keys(args,
    array['id', 'area_code', 'source', 'session_id', 'title', 'minutes', 'completed_on', 'note']);
  rid := private.arg_uuid(args, 'id');
  if exists (select 1 from public.learning_records as x where x.id = rid) then
    perform private.reject('DXP042', 'この学習記録はすでに登録されています。一覧を更新してください。');
  end if;
  r := private.learning_fields(args, null);
  insert into public.learning_records (id, employee_id, area_code, source, session_id, title, minutes, completed_on, note)
  values (rid, auth.uid(), r.area_code, r.source, r.session_id, r.title, r.minutes, r.completed_on, r.note)
  returning * into r;
  return private.row_json(r);
end
$$;

create function private.push_update_learning(args jsonb) returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  rid uuid;
  expected integer;
  current_row public.learning_records;
  r public.learning_records;
begin
  perform private.arg_check_keys(args,
    array['id', 'version', 'area_code', 'source', 'session_id', 'title', 'minutes', 'completed_on', 'note']);
  rid := private.arg_uuid(args, 'id');
  expected := private.arg_int(args, 'version');
  select * into current_row from public.learning_records as x
    where x.id = rid and x.employee_id = auth.uid() for update;
  if not found then
    perform private.reject('DXP040', '学習記録が見つかりません。一覧を更新してください。');
  end if;
  if current_row.source = 'session' then
    perform private.reject('DXP045', '研修の出席から作られた学習記録は、変更も削除もできません。');
  end if;
  if current_row.version <> expected then
    perform private.reject('DXP041',
      'この学習記録はほかの端末で更新されています。最新の内容を確認してから、もう一度編集してください。',
      private.row_json(current_row));
  end if;
  r := private.learning_fields(args, current_row);
  update public.learning_records
    set area_code = r.area_code, source = r.source, session_id = r.session_id, title = r.title,
        minutes = r.minutes, completed_on = r.completed_on, note = r.note, version = version + 1
    where id = rid
    returning * into r;
  return private.row_json(r);
end
$$;

create function private.push_delete_learning(args jsonb) returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  rid uuid;
  expected integer;
  current_row public.learning_records;
begin
  perform private.arg_check_keys(args, array['id', 'version']);
  rid := private.arg_uuid(args, 'id');
  expected := private.arg_int(args, 'version', false);
  select * into current_row from public.learning_records as x
    where x.id = rid and x.employee_id = auth.uid() for update;
  if not found then
    perform private.reject('DXP040', '学習記録が見つかりません。一覧を更新してください。');
  end if;
  if current_row.source = 'session' then
    perform private.reject('DXP045', '研修の出席から作られた学習記録は、変更も削除もできません。');
  end if;
  if expected is not null and current_row.version <> expected then
    perform private.reject('DXP041',
      'この学習記録はほかの端末で更新されています。最新の内容を確認してから、もう一度操作してください。',
      private.row_json(current_row));
  end if;
  delete from public.learning_records where id = rid;
  return null;
end
$$;

revoke execute on function private.learning_fields(jsonb, public.learning_records) from public, anon, authenticated;
revoke execute on function private.push_record_learning(jsonb) from public, anon, authenticated;
revoke execute on function private.push_update_learning(jsonb) from public, anon, authenticated;
revoke execute on function private.push_delete_learning(jsonb) from public, anon, authenticated;

insert into private.mutation_kinds (kind, handler) values
  ('record_learning', 'private.push_record_learning(jsonb)'),
  ('update_learning', 'private.push_update_learning(jsonb)'),
  ('delete_learning', 'private.push_delete_learning(jsonb)');
