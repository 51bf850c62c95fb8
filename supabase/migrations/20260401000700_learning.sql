-- Learning records: what an employee studied, in which knowledge area, for how long. Written from
-- the passport screens offline (client-generated ids), changed by compare-and-set on `version`.

create table public.learning_records (
  id uuid primary key,
  employee_id uuid not null references public.profiles (id) on delete cascade,
  area_code text not null references public.knowledge_areas (code),
  source text not null check (source in ('session', 'e_learning', 'self_study', 'other')),
  session_id uuid references public.sessions (id),
  title text not null check (char_length(btrim(title)) between 1 and 200),
  minutes integer not null check (minutes between 1 and 1440),
  completed_on date not null check (completed_on >= date '2000-01-01'),
  note text not null default '' check (char_length(note) <= 2000),
  version integer not null default 1 check (version > 0),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  _xid xid8 not null default pg_current_xact_id(),
  constraint learning_records_session_iff_source_session check ((session_id is not null) = (source = 'session'))
);
comment on table public.learning_records is
  '学習記録（知識分野・学習方法・時間・完了日）。端末で作成し同期する / Learning records: area, source, minutes, completion date; created on the device and synced';
comment on column public.learning_records.id is
  '端末が生成する UUID（オフラインで作成できるように） / Client-generated UUID, so a record can be made offline';
comment on column public.learning_records.source is
  'session（研修）/ e_learning（eラーニング）/ self_study（自己学習）/ other（その他） / How the employee learned';
comment on column public.learning_records.completed_on is
  '完了日（東京の日付。未来日は不可） / Completion date in Asia/Tokyo; never in the future (checked by sync_push)';
comment on column public.learning_records.version is
  '更新ごとに 1 増える版番号（比較して更新） / Incremented on every change, for compare-and-set';
create index learning_records_employee_id_idx on public.learning_records (employee_id);
create index learning_records_area_code_idx on public.learning_records (area_code);
create index learning_records_session_id_idx on public.learning_records (session_id);

create trigger learning_records_stamp_xid before insert or update on public.learning_records
  for each row execute function private.stamp_xid();
create trigger learning_records_record_tombstone after delete on public.learning_records
  for each row execute function private.record_tombstone('employee_id');
create trigger learning_records_sync_truncated after truncate on public.learning_records
  for each statement execute function private.sync_truncated();
create trigger learning_records_set_updated_at before update on public.learning_records
  for each row execute function private.set_updated_at();
create trigger learning_records_forbid_owner_change before update of employee_id on public.learning_records
  for each row execute function private.forbid_owner_change('employee_id');
comment on column public.learning_records._xid is
  '最後に書き込んだトランザクションのID（同期用） / Id of the transaction that last wrote the row (for sync)';
insert into private.replicated_tables (table_name, owner_column) values ('learning_records', 'employee_id');

alter table public.learning_records enable row level security;
create policy learning_records_select_own on public.learning_records
  for select to authenticated using (employee_id = (select auth.uid()));
create policy learning_records_select_dx_admin on public.learning_records
  for select to authenticated using ((select private.is_dx_admin()));
revoke insert, update, delete, truncate, references, trigger on table public.learning_records from anon, authenticated;
