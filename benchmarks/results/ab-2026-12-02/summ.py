import os,json,sys,glob,statistics,collections
# usage: summ.py prop
prop=sys.argv[1]
d=collections.defaultdict(list)
for f in sorted(glob.glob(os.path.join(os.path.dirname(os.path.abspath(__file__)), f'res-{prop}-*.json'))):
    v=f.split(f'res-{prop}-')[1].split('-r')[0]
    try: data=json.load(open(f))
    except Exception: continue
    for b in data:
        name=b['benchmark'].split('.')[-1]+' '+' '.join(f'{k}={x}' for k,x in sorted(b.get('params',{}).items()))
        raw=[x for fork in b['primaryMetric']['rawData'] for x in fork]
        d[(name,v)].extend(raw)
names=sorted(set(k[0] for k in d)); vals=sorted(set(k[1] for k in d),key=lambda s:int(s) if s.isdigit() else s)
print('scenario'.ljust(60),*[f'{v:>22}' for v in vals])
for n in names:
    print(n.ljust(60),*[f"{statistics.median(d[(n,v)]):10.1f} [{min(d[(n,v)]):5.0f}-{max(d[(n,v)]):5.0f}]" if (n,v) in d else ' '*22 for v in vals])
